# SPDX-License-Identifier: Apache-2.0
#
# cmake "-DQEMU=<qemu command>" -DOURS=firmware_test.elf -DRAW=firmware_raw.elf
#       -DLIMIT=<bytes> -P compare-heap.cmake
# Runs both images and checks that a TLS 1.3 client connection through the
# OpenSSL API needs at most LIMIT bytes of heap more than with mbedTLS alone.
function(client_peak elf label out)
    execute_process(COMMAND ${QEMU} -kernel ${elf}
                    OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE rc
                    TIMEOUT 500)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "FAIL: ${elf} exited with ${rc}\n${output}${errors}")
    endif()
    string(REGEX MATCH "${label}: heap peak client ([0-9]+)" _ "${output}")
    if(NOT CMAKE_MATCH_1)
        message(FATAL_ERROR "FAIL: no heap figure from ${elf}\n${output}")
    endif()
    set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
endfunction()

client_peak(${OURS} "TLS 1.3" ours)
client_peak(${RAW} "raw TLS 1.3" raw)
math(EXPR extra "${ours} - ${raw}")
message("TLS 1.3 client heap peak: OpenSSL API ${ours} bytes, mbedTLS alone ${raw} bytes, "
        "difference ${extra} bytes (limit ${LIMIT})")
if(extra GREATER LIMIT)
    message(FATAL_ERROR "FAIL: ${extra} bytes above mbedTLS alone, more than ${LIMIT}")
endif()
