# SPDX-License-Identifier: Apache-2.0
#
# Provides the targets openssl_compat_mbedtls (libmbedtls + x509 + crypto) for
# the shim. Order of preference:
#   1. an installed MbedTLS CMake package, 3.6 <= version < 4;
#   2. mbedTLS source in MBEDTLS_SOURCE_DIR, built here with our config;
#   3. the 3.6 source tarball from the cache, else downloaded from the Debian
#      archive of the next Debian release through a private apt
#      configuration (cmake/fetch-mbedtls-debian.sh), verified by SHA-256.
# Debian 12's own libmbedtls-dev is 2.28: it has no TLS 1.3 and is ignored by
# the version range below.

set(OPENSSL_COMPAT_MBEDTLS_VERSION "3.6.6")
set(OPENSSL_COMPAT_MBEDTLS_TARBALL "mbedtls_3.6.6.orig.tar.bz2")
set(OPENSSL_COMPAT_MBEDTLS_SHA256
    "8fb65fae8dcae5840f793c0a334860a411f884cc537ea290ce1c52bb64ca007a")

option(OPENSSL_COMPAT_USE_SYSTEM_MBEDTLS
       "Use an installed MbedTLS >= 3.6 < 4 when CMake finds one" ON)
set(OPENSSL_COMPAT_MBEDTLS_CONFIG "host" CACHE STRING
    "mbedTLS configuration when built here: host (default + ours) or embedded (devices)")
set_property(CACHE OPENSSL_COMPAT_MBEDTLS_CONFIG PROPERTY STRINGS host embedded)
set(MBEDTLS_SOURCE_DIR "" CACHE PATH
    "mbedTLS 3.6 source tree to build instead of downloading one")
set(MBEDTLS_DEBIAN_SUITE "trixie" CACHE STRING
    "Debian suite whose source package 'mbedtls' provides the 3.6 source")
if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
    set(_moc_cache_default "$ENV{XDG_CACHE_HOME}/mbedtls-openssl-compat")
elseif(DEFINED ENV{HOME})
    set(_moc_cache_default "$ENV{HOME}/.cache/mbedtls-openssl-compat")
else()
    set(_moc_cache_default "${CMAKE_BINARY_DIR}/_downloads")
endif()
set(MBEDTLS_DOWNLOAD_DIR "${_moc_cache_default}" CACHE PATH
    "Where the downloaded mbedTLS tarball is kept between builds")

# A build's own changes to the configuration (#undef what it does not
# need), read by mbedTLS after ours (docs/embedded.md).
set(OPENSSL_COMPAT_MBEDTLS_EXTRA_CONFIG "" CACHE FILEPATH
    "Header read after the mbedTLS configuration (docs/embedded.md)")

set(OPENSSL_COMPAT_MBEDTLS_ORIGIN "")

# A device build, or one with changes of its own, always builds mbedTLS
# itself.
if(OPENSSL_COMPAT_USE_SYSTEM_MBEDTLS AND NOT MBEDTLS_SOURCE_DIR AND
   OPENSSL_COMPAT_MBEDTLS_CONFIG STREQUAL "host" AND NOT OPENSSL_COMPAT_MBEDTLS_EXTRA_CONFIG)
    find_package(MbedTLS 3.6...<4 QUIET CONFIG)
    if(MbedTLS_FOUND)
        add_library(openssl_compat_mbedtls INTERFACE)
        target_link_libraries(openssl_compat_mbedtls INTERFACE
            MbedTLS::mbedtls MbedTLS::mbedx509 MbedTLS::mbedcrypto)
        set(OPENSSL_COMPAT_MBEDTLS_ORIGIN "installed package ${MbedTLS_VERSION} (${MbedTLS_DIR})")
    endif()
endif()

function(_moc_obtain_mbedtls_source out_dir)
    set(tarball "${MBEDTLS_DOWNLOAD_DIR}/${OPENSSL_COMPAT_MBEDTLS_TARBALL}")
    if(EXISTS "${tarball}")
        file(SHA256 "${tarball}" have)
        if(NOT have STREQUAL OPENSSL_COMPAT_MBEDTLS_SHA256)
            message(STATUS "Cached ${tarball} has the wrong SHA-256; fetching again")
            file(REMOVE "${tarball}")
        endif()
    endif()
    if(NOT EXISTS "${tarball}")
        message(STATUS "Fetching mbedTLS ${OPENSSL_COMPAT_MBEDTLS_VERSION} source "
                       "from the Debian '${MBEDTLS_DEBIAN_SUITE}' archive")
        execute_process(
            COMMAND sh "${CMAKE_CURRENT_LIST_DIR}/fetch-mbedtls-debian.sh"
                    "${MBEDTLS_DOWNLOAD_DIR}" "${MBEDTLS_DEBIAN_SUITE}"
                    "${OPENSSL_COMPAT_MBEDTLS_TARBALL}"
            RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR
                "Could not obtain the mbedTLS ${OPENSSL_COMPAT_MBEDTLS_VERSION} source. "
                "Pass -DMBEDTLS_SOURCE_DIR=<mbedtls-3.6 source tree>, or put "
                "${OPENSSL_COMPAT_MBEDTLS_TARBALL} in ${MBEDTLS_DOWNLOAD_DIR}.")
        endif()
        file(SHA256 "${tarball}" have)
        if(NOT have STREQUAL OPENSSL_COMPAT_MBEDTLS_SHA256)
            file(REMOVE "${tarball}")
            message(FATAL_ERROR "SHA-256 mismatch for ${OPENSSL_COMPAT_MBEDTLS_TARBALL}: "
                                "got ${have}, expected ${OPENSSL_COMPAT_MBEDTLS_SHA256}")
        endif()
    endif()
    set(src "${CMAKE_BINARY_DIR}/_deps/mbedtls-${OPENSSL_COMPAT_MBEDTLS_VERSION}")
    if(NOT EXISTS "${src}/CMakeLists.txt")
        file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/_deps")
        file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${CMAKE_BINARY_DIR}/_deps")
    endif()
    set(${out_dir} "${src}" PARENT_SCOPE)
endfunction()

if(NOT OPENSSL_COMPAT_MBEDTLS_ORIGIN)
    if(MBEDTLS_SOURCE_DIR)
        set(_moc_src "${MBEDTLS_SOURCE_DIR}")
        set(OPENSSL_COMPAT_MBEDTLS_ORIGIN "source tree ${MBEDTLS_SOURCE_DIR}")
    else()
        _moc_obtain_mbedtls_source(_moc_src)
        set(OPENSSL_COMPAT_MBEDTLS_ORIGIN
            "Debian source ${OPENSSL_COMPAT_MBEDTLS_TARBALL}, built here")
    endif()
    if(NOT EXISTS "${_moc_src}/include/mbedtls/build_info.h")
        message(FATAL_ERROR "${_moc_src} is not an mbedTLS source tree")
    endif()
    file(STRINGS "${_moc_src}/include/mbedtls/build_info.h" _moc_ver
         REGEX "#define MBEDTLS_VERSION_STRING +\"")
    string(REGEX MATCH "\"([0-9.]+)\"" _ "${_moc_ver}")
    if(CMAKE_MATCH_1 VERSION_LESS 3.6 OR NOT CMAKE_MATCH_1 VERSION_LESS 4)
        message(FATAL_ERROR "mbedTLS ${CMAKE_MATCH_1} in ${_moc_src}: 3.6.x is required")
    endif()

    # mbedTLS's own options, set before its CMakeLists reads them.
    set(ENABLE_PROGRAMS OFF CACHE BOOL "" FORCE)
    set(ENABLE_TESTING OFF CACHE BOOL "" FORCE)
    set(MBEDTLS_FATAL_WARNINGS OFF CACHE BOOL "" FORCE)
    set(USE_STATIC_MBEDTLS_LIBRARY ON CACHE BOOL "" FORCE)
    set(USE_SHARED_MBEDTLS_LIBRARY OFF CACHE BOOL "" FORCE)
    set(DISABLE_PACKAGE_CONFIG_AND_INSTALL OFF CACHE BOOL "" FORCE)
    # The record buffers of every connection (embedded configuration; 16384
    # unless set): smaller ones need peers that agree to smaller records.
    set(OPENSSL_COMPAT_RECORD_LEN "" CACHE STRING
        "Record buffer size of the embedded mbedTLS configuration (default 16384)")
    if(OPENSSL_COMPAT_RECORD_LEN)
        add_compile_definitions(MBEDTLS_SSL_IN_CONTENT_LEN=${OPENSSL_COMPAT_RECORD_LEN}
                                MBEDTLS_SSL_OUT_CONTENT_LEN=${OPENSSL_COMPAT_RECORD_LEN})
    endif()
    if(OPENSSL_COMPAT_MBEDTLS_CONFIG STREQUAL "embedded")
        set(LINK_WITH_PTHREAD OFF CACHE BOOL "" FORCE)
        set(MBEDTLS_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/mbedtls-config-embedded.h"
            CACHE FILEPATH "" FORCE)
        set(MBEDTLS_USER_CONFIG_FILE "${OPENSSL_COMPAT_MBEDTLS_EXTRA_CONFIG}" CACHE FILEPATH ""
            FORCE)
    else()
        set(LINK_WITH_PTHREAD ON CACHE BOOL "" FORCE)
        set(_moc_user_config "${CMAKE_CURRENT_LIST_DIR}/mbedtls-user-config.h")
        if(OPENSSL_COMPAT_MBEDTLS_EXTRA_CONFIG)
            # mbedTLS reads one user file: ours, then the build's changes.
            set(_moc_user_config "${CMAKE_BINARY_DIR}/mbedtls-user-config-combined.h")
            set(_moc_includes
                "#include \"${CMAKE_CURRENT_LIST_DIR}/mbedtls-user-config.h\"\n"
                "#include \"${OPENSSL_COMPAT_MBEDTLS_EXTRA_CONFIG}\"\n")
            string(CONCAT _moc_includes ${_moc_includes})
            file(CONFIGURE OUTPUT "${_moc_user_config}" CONTENT "${_moc_includes}")
        endif()
        set(MBEDTLS_USER_CONFIG_FILE "${_moc_user_config}" CACHE FILEPATH "" FORCE)
        # The static libraries end up inside our shared library.
        set(CMAKE_POSITION_INDEPENDENT_CODE ON)
    endif()
    add_subdirectory("${_moc_src}" "${CMAKE_BINARY_DIR}/_deps/mbedtls-build")
    add_library(openssl_compat_mbedtls INTERFACE)
    target_link_libraries(openssl_compat_mbedtls INTERFACE mbedtls mbedx509 mbedcrypto)
    set(OPENSSL_COMPAT_MBEDTLS_BUILT_HERE ON)
endif()

message(STATUS "mbedTLS: ${OPENSSL_COMPAT_MBEDTLS_ORIGIN}")
