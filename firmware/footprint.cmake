# SPDX-License-Identifier: Apache-2.0
#
# cmake -DSIZE=arm-none-eabi-size -DCPU=<toolchain file> -DLIBRARY=<lib.a>
#       -DIMAGE=<firmware.elf> -DMAP=<firmware.map> -DOUT=<report.md>
#       [-DCORE_LIMIT=<bytes>] -P footprint.cmake
# Flash (text + rodata + data) and RAM (data + bss) of the library alone, of
# the library's part of the firmware image (what the linker kept of it: the
# core a device uses), and of the whole image. Writes a Markdown table row
# set, prints it, and fails when the core's flash is over CORE_LIMIT.
get_filename_component(cpu "${CPU}" NAME_WE)

function(size_of file out_flash out_ram)
    execute_process(COMMAND ${SIZE} -t ${file} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${SIZE} failed on ${file}")
    endif()
    string(REGEX MATCH "\n *([0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)[ \t]+[0-9]+[ \t]+[0-9a-f]+[ \t]+\\(TOTALS\\)"
           _ "\n${text}")
    if(NOT CMAKE_MATCH_0)
        # A single file: the last line holds its figures.
        string(REGEX MATCH "\n *([0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)[ \t]+[0-9]+[ \t]+[0-9a-f]+[ \t]+[^\n]*\n?$"
               _ "\n${text}")
    endif()
    math(EXPR flash "${CMAKE_MATCH_1} + ${CMAKE_MATCH_2}")
    math(EXPR ram "${CMAKE_MATCH_2} + ${CMAKE_MATCH_3}")
    set(${out_flash} ${flash} PARENT_SCOPE)
    set(${out_ram} ${ram} PARENT_SCOPE)
endfunction()

# The input sections the linker kept from our archive, by kind. In a map
# file a long section name stands alone and its address and size follow on
# the next line.
function(core_of map out_flash out_ram)
    file(STRINGS "${map}" lines)
    set(flash 0)
    set(ram 0)
    set(pending "")
    set(in_memory_map OFF)
    foreach(line IN LISTS lines)
        if(line MATCHES "^Linker script and memory map")
            set(in_memory_map ON)
            continue()
        endif()
        if(NOT in_memory_map)
            continue()
        endif()
        if(line MATCHES "^ (\\.[A-Za-z_.0-9$]+)$")
            set(pending "${CMAKE_MATCH_1}")
            continue()
        endif()
        set(section "")
        if(line MATCHES "^ (\\.[A-Za-z_.0-9$]+|COMMON)[ ]+0x[0-9a-f]+[ ]+0x([0-9a-f]+) (.*)$")
            set(section "${CMAKE_MATCH_1}")
            set(size_hex "${CMAKE_MATCH_2}")
            set(from "${CMAKE_MATCH_3}")
        elseif(pending AND line MATCHES "^[ ]+0x[0-9a-f]+[ ]+0x([0-9a-f]+) (.*)$")
            set(section "${pending}")
            set(size_hex "${CMAKE_MATCH_1}")
            set(from "${CMAKE_MATCH_2}")
        endif()
        set(pending "")
        if(NOT section OR NOT from MATCHES "libmbedtls-openssl-compat\\.a")
            continue()
        endif()
        # The emulator's predictable entropy source and its start-up
        # warning (OPENSSL_COMPAT_INSECURE_TEST_ENTROPY) are the test's, not
        # the core's: a product never links them.
        if(from MATCHES "\\(platform\\.c\\.obj\\)" AND section MATCHES
           "insecure_test_entropy|warn_once|^\\.data\\.state\\.|^\\.bss\\.warned\\.")
            continue()
        endif()
        math(EXPR size "0x${size_hex}")
        if(section MATCHES "^\\.(text|rodata)")
            math(EXPR flash "${flash} + ${size}")
        elseif(section MATCHES "^\\.data")
            math(EXPR flash "${flash} + ${size}")
            math(EXPR ram "${ram} + ${size}")
        elseif(section MATCHES "^\\.bss|^COMMON")
            math(EXPR ram "${ram} + ${size}")
        endif()
    endforeach()
    set(${out_flash} ${flash} PARENT_SCOPE)
    set(${out_ram} ${ram} PARENT_SCOPE)
endfunction()

size_of("${LIBRARY}" lib_flash lib_ram)
core_of("${MAP}" core_flash core_ram)
size_of("${IMAGE}" image_flash image_ram)

set(rows "| ${cpu} | library, all of it | ${lib_flash} | ${lib_ram} |\n")
string(APPEND rows "| ${cpu} | library, as linked in the test image (the core) | ${core_flash} | ${core_ram} |\n")
string(APPEND rows "| ${cpu} | whole test image (with mbedTLS and newlib) | ${image_flash} | ${image_ram} |\n")
file(WRITE "${OUT}" "${rows}")
message("${rows}")
if(DEFINED CORE_LIMIT AND core_flash GREATER CORE_LIMIT)
    message(FATAL_ERROR "FAIL: the core is ${core_flash} bytes of flash, over ${CORE_LIMIT}")
endif()
