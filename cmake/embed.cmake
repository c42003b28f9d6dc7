# silkgrid_embed_files(OUTPUT ROOT FILES...): writes a C++ source that defines
# silkgrid::io::builtin_files(), a table of {relative path, contents} for each file,
# so that the program carries its default studies without depending on its install path.
function(silkgrid_embed_files output root)
  set(files ${ARGN})
  string(REPLACE ";" "|" packed "${files}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DROOT=${root} "-DFILES=${packed}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding shipped studies"
    VERBATIM)
endfunction()
