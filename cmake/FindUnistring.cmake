# FindUnistring: GNU libunistring. Debian ships no pkg-config file for it.
# Defines Unistring_FOUND, Unistring_VERSION and the imported target
# Unistring::Unistring.
find_path(Unistring_INCLUDE_DIR NAMES unistring/version.h unistr.h)
find_library(Unistring_LIBRARY NAMES unistring)

if(Unistring_INCLUDE_DIR AND EXISTS "${Unistring_INCLUDE_DIR}/unistring/version.h")
  file(STRINGS "${Unistring_INCLUDE_DIR}/unistring/version.h" _us_ver
       REGEX "^#define _LIBUNISTRING_VERSION 0x[0-9a-fA-F]+")
  if(_us_ver MATCHES "0x([0-9a-fA-F][0-9a-fA-F])([0-9a-fA-F][0-9a-fA-F])([0-9a-fA-F][0-9a-fA-F])")
    math(EXPR _us_maj "0x${CMAKE_MATCH_1}")
    math(EXPR _us_min "0x${CMAKE_MATCH_2}")
    math(EXPR _us_pat "0x${CMAKE_MATCH_3}")
    set(Unistring_VERSION "${_us_maj}.${_us_min}.${_us_pat}")
  endif()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Unistring
  REQUIRED_VARS Unistring_LIBRARY Unistring_INCLUDE_DIR
  VERSION_VAR Unistring_VERSION)

if(Unistring_FOUND AND NOT TARGET Unistring::Unistring)
  add_library(Unistring::Unistring UNKNOWN IMPORTED)
  set_target_properties(Unistring::Unistring PROPERTIES
    IMPORTED_LOCATION "${Unistring_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Unistring_INCLUDE_DIR}")
endif()
mark_as_advanced(Unistring_INCLUDE_DIR Unistring_LIBRARY)
