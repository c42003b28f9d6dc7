#include "weather/sun.hpp"

#include <algorithm>
#include <cmath>

namespace silkgrid::weather {

namespace {
struct SunAngles {
  double declination = 0, hour_angle = 0;  // radians
};
SunAngles sun_angles(double lon_deg, int day_of_year, double hour_utc) {
  const double gamma = 2.0 * M_PI / 365.0 * (day_of_year - 1 + (hour_utc - 12.0) / 24.0);
  const double eqtime = 229.18 * (0.000075 + 0.001868 * std::cos(gamma) - 0.032077 * std::sin(gamma) -
                                  0.014615 * std::cos(2 * gamma) - 0.040849 * std::sin(2 * gamma));
  const double decl = 0.006918 - 0.399912 * std::cos(gamma) + 0.070257 * std::sin(gamma) -
                      0.006758 * std::cos(2 * gamma) + 0.000907 * std::sin(2 * gamma) -
                      0.002697 * std::cos(3 * gamma) + 0.00148 * std::sin(3 * gamma);
  const double true_solar_minutes = hour_utc * 60.0 + eqtime + 4.0 * lon_deg;
  return SunAngles{decl, (true_solar_minutes / 4.0 - 180.0) * M_PI / 180.0};
}
}  // namespace

double cos_zenith(double lat_deg, double lon_deg, int day_of_year, double hour_utc) {
  const auto sun = sun_angles(lon_deg, day_of_year, hour_utc);
  const double lat = lat_deg * M_PI / 180.0;
  return std::sin(lat) * std::sin(sun.declination) + std::cos(lat) * std::cos(sun.declination) * std::cos(sun.hour_angle);
}

double cos_incidence_tilted(double lat_deg, double lon_deg, double tilt_deg, int day_of_year, double hour_utc) {
  // A plane tilted by β towards the equator sees the sun as a horizontal plane at latitude
  // φ − β (φ + β in the southern hemisphere) does (Duffie & Beckman, eq. 1.6.7).
  const double effective = lat_deg >= 0 ? lat_deg - tilt_deg : lat_deg + tilt_deg;
  return cos_zenith(effective, lon_deg, day_of_year, hour_utc);
}

double clear_sky_ghi(double cosz) { return cosz <= 0 ? 0.0 : 1098.0 * cosz * std::exp(-0.057 / cosz); }

double solar_noon_utc(double lon_deg) { return 12.0 - lon_deg / 15.0; }

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  const double k = M_PI / 180.0;
  const double dlat = (lat2 - lat1) * k, dlon = (lon2 - lon1) * k;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * k) * std::cos(lat2 * k) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace silkgrid::weather
