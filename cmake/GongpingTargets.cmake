# Helpers that give every project target the same warnings and that guard the domain boundary.

set(GP_DOMAIN_FORBIDDEN_LINKS "Boost::|boost_|soci|zmq|cppzmq|RapidJSON|rapidjson|gp_server")
set(GP_BOUNDARY_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/CheckDomainIncludes.cmake)

# Warnings as errors for project code only; third-party headers come in as system headers.
# GCC 12 at -O2/-O3 reports false -Wstringop-overflow / -Wrestrict on `"literal" + std::string`
# (GCC bugs 105329, 105651): those two stay warnings, not errors.
function(gp_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wno-missing-field-initializers -Werror
                                           -Wno-error=stringop-overflow -Wno-error=restrict)
endfunction()

# gp_add_domain_library(<name> <module dir> SOURCES ...)
# A plain C++20 library: std and OpenSSL (through gp_common) only. The include scan runs on every
# build; linking an I/O library into a domain target fails at generate time.
function(gp_add_domain_library name module_dir)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  gp_set_warnings(${name})
  add_custom_target(${name}_boundary
    COMMAND ${CMAKE_COMMAND} -DGP_DIRS=${module_dir} -P ${GP_BOUNDARY_SCRIPT}
    COMMENT "Checking that ${module_dir} includes no I/O library"
    VERBATIM)
  add_dependencies(${name} ${name}_boundary)
  # Deferred so that links added after this call are checked too; EVAL pins the name now.
  cmake_language(EVAL CODE "cmake_language(DEFER CALL gp_check_domain_links [[${name}]])")
endfunction()

function(gp_check_domain_links name)
  get_target_property(links ${name} LINK_LIBRARIES)
  get_target_property(iface ${name} INTERFACE_LINK_LIBRARIES)
  foreach(lib IN LISTS links iface)
    if(lib MATCHES "${GP_DOMAIN_FORBIDDEN_LINKS}")
      message(FATAL_ERROR "Domain target ${name} links ${lib}; domain code may not use Asio, Beast, "
                          "ZeroMQ, SOCI or RapidJSON (ARCHITECTURE.md rule 1).")
    endif()
  endforeach()
endfunction()

# gp_add_catch_test(<name> LABELS ... SOURCES ... LIBS ...)
# One Catch2 executable registered with CTest. Labels select what a run needs: `unit`, `pg`, `zmq`.
function(gp_add_catch_test name)
  cmake_parse_arguments(ARG "" "" "LABELS;SOURCES;LIBS" ${ARGN})
  if(NOT GP_BUILD_TESTS)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE gp_catch_main ${ARG_LIBS})
  gp_set_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
