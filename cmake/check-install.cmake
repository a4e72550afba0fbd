# SPDX-License-Identifier: Apache-2.0
#
# Installs the build into a fresh prefix and builds a program there with
# nothing but what pkg-config says, then runs it.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed")
endif()
foreach(header ssl.h err.h bio.h x509.h)
    if(NOT EXISTS "${PREFIX}/include/openssl/${header}")
        message(FATAL_ERROR "include/openssl/${header} was not installed")
    endif()
endforeach()

set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig:${PREFIX}/lib/pkgconfig")
set(static_flag "")
if(STATIC)
    set(static_flag --static)
endif()
# The prefix is a temporary one, not the configured one: let pkg-config
# derive it from where the .pc files are (ours and mbedTLS's).
execute_process(COMMAND "${PKG_CONFIG}" --define-prefix ${static_flag} --cflags --libs
                        mbedtls-openssl-compat
                RESULT_VARIABLE rc OUTPUT_VARIABLE flags ERROR_VARIABLE err
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config failed: ${err}")
endif()
message(STATUS "pkg-config ${static_flag} --cflags --libs: ${flags}")
separate_arguments(flags UNIX_COMMAND "${flags}")
separate_arguments(cflags UNIX_COMMAND "${CFLAGS}")
set(program "${PREFIX}/demo_client")
execute_process(
    COMMAND "${CC}" ${cflags} "${SOURCE}" ${flags} "-Wl,-rpath,${PREFIX}/${LIBDIR}" -o "${program}"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building against the installed prefix failed:\n${err}")
endif()
# With no arguments the program prints its usage and exits with 2: it
# loaded and ran.
execute_process(COMMAND "${program}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 2)
    message(FATAL_ERROR "the installed program did not run: ${rc}")
endif()
message(STATUS "installed prefix works")
