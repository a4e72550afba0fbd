# SPDX-License-Identifier: Apache-2.0
#
# cmake -DCC=... -DINCLUDE=... -DLIB=... -DLIBDIR=... -DSOURCE=... -DOUT=... -DEXPECT=build|compile-error|link-error
#         [-DMESSAGE=regex] -P run-guard.cmake
# Builds SOURCE against our headers and library only, and checks the outcome.
execute_process(
    COMMAND "${CC}" -I "${INCLUDE}" "${SOURCE}" "${LIB}" "-Wl,-rpath,${LIBDIR}" -o "${OUT}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXPECT STREQUAL "build")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "expected a build, got:\n${err}")
    endif()
    execute_process(COMMAND "${OUT}" RESULT_VARIABLE run_rc)
    if(NOT run_rc EQUAL 0)
        message(FATAL_ERROR "the control program failed: ${run_rc}")
    endif()
else()
    if(rc EQUAL 0)
        message(FATAL_ERROR "expected a ${EXPECT}, but it built")
    endif()
    if(NOT err MATCHES "${MESSAGE}")
        message(FATAL_ERROR "failed for another reason than expected (${MESSAGE}):\n${err}")
    endif()
endif()
message(STATUS "guard ${EXPECT}: as expected")
