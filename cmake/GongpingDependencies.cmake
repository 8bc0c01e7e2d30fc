# Third-party libraries, all from Debian 12 packages (scripts/lib/packages.sh installs them).
find_package(OpenSSL 3 REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS system)
find_package(cppzmq REQUIRED)
find_package(RapidJSON REQUIRED)
find_package(PostgreSQL REQUIRED)
if(GP_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()

# SOCI 4.0.3 on Debian ships no CMake package: import its two libraries by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(gp_soci INTERFACE)
target_include_directories(gp_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} ${PostgreSQL_INCLUDE_DIRS})
target_link_libraries(gp_soci INTERFACE ${SOCI_POSTGRESQL_LIBRARY} ${SOCI_CORE_LIBRARY}
                                        PostgreSQL::PostgreSQL ${CMAKE_DL_LIBS})

# GMP (libgmp-dev) for the evaluation core's exact arithmetic: benchmark-average price scores are
# ratios of products that outgrow 128 bits. Debian ships pkg-config files only.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GMPXX REQUIRED IMPORTED_TARGET gmpxx gmp)

if(NOT TARGET RapidJSON::RapidJSON)
  add_library(RapidJSON::RapidJSON INTERFACE IMPORTED)
  target_include_directories(RapidJSON::RapidJSON SYSTEM INTERFACE ${RapidJSON_INCLUDE_DIRS})
endif()
