# cmake -DPAGES="a.md|b.md" -DDEST=dir -DMODE=update|check -P SyncDocs.cmake
# update: copy each generated page into DEST; check: fail if any differs.
string(REPLACE "|" ";" PAGES "${PAGES}")
set(stale)
if(MODE STREQUAL "update")
  file(MAKE_DIRECTORY ${DEST})
endif()
foreach(page ${PAGES})
  get_filename_component(name ${page} NAME)
  if(NOT EXISTS ${page})
    message(FATAL_ERROR "generated page ${page} is missing: build first")
  endif()
  if(MODE STREQUAL "update")
    file(COPY_FILE ${page} ${DEST}/${name} ONLY_IF_DIFFERENT)
  else()
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                            ${page} ${DEST}/${name}
                    RESULT_VARIABLE differs)
    if(differs)
      list(APPEND stale ${name})
    endif()
  endif()
endforeach()
if(stale)
  message(FATAL_ERROR "docs/dialect is stale (${stale}): run "
                      "`ninja -C build quill-docs` and commit the result")
endif()
