# silkgrid_embed_files(OUTPUT ROOT FILES...): writes a C++ source that defines
# silkgrid::io::builtin_files(), a table of {relative path, contents} for each file,
# so that the program carries its default studies without depending on its install path.
# silkgrid_embed_named(OUTPUT ROOT FUNCTION FILES...) does the same under another function name.
function(silkgrid_embed_files output root)
  silkgrid_embed_named(${output} ${root} builtin_files ${ARGN})
endfunction()

function(silkgrid_embed_named output root function)
  set(files ${ARGN})
  string(REPLACE ";" "|" packed "${files}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DROOT=${root} "-DFILES=${packed}" -DFUNCTION=${function}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_script.cmake
    COMMENT "Embedding shipped studies"
    VERBATIM)
endfunction()
