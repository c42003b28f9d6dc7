#pragma once
// Sun position (NOAA's low-precision formulas, about 0.01 rad): declination, equation of
// time and hour angle give the cosine of the solar zenith angle at a place and UTC time.
namespace silkgrid::weather {

// day_of_year: 1..365; hour_utc: fractional hour of the day in UTC; degrees for lat/lon.
double cos_zenith(double lat_deg, double lon_deg, int day_of_year, double hour_utc);

// Cosine of the angle between the sun and the normal of a plane tilted by `tilt_deg` towards
// the equator (negative: the sun is behind it).
double cos_incidence_tilted(double lat_deg, double lon_deg, double tilt_deg, int day_of_year, double hour_utc);

// Clear-sky global horizontal irradiance in W/m² (Haurwitz 1945): 1098·cosz·exp(−0.057/cosz).
double clear_sky_ghi(double cos_zenith);

// Hour of local solar noon in UTC (ignoring the equation of time): 12 − lon/15.
double solar_noon_utc(double lon_deg);

// Great-circle distance in km.
double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace silkgrid::weather
