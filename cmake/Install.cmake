# SPDX-License-Identifier: Apache-2.0
#
# `cmake --install` gives a prefix with include/openssl/*.h, the library and
# lib/pkgconfig/mbedtls-openssl-compat.pc, whose --cflags --libs (with
# --static for a static build) are all a program needs. When mbedTLS was
# built here, its own install rules add its libraries and .pc files to the
# same prefix, which --static needs.

install(TARGETS openssl_compat
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/openssl include/mbedtls-openssl-compat
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
configure_file(cmake/mbedtls-openssl-compat.pc.in mbedtls-openssl-compat.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/mbedtls-openssl-compat.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(FILES LICENSE NOTICE README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

if(OPENSSL_COMPAT_TESTS)
    find_program(PKG_CONFIG_COMMAND NAMES pkg-config pkgconf REQUIRED)
    add_test(NAME install.pkg_config
        COMMAND ${CMAKE_COMMAND}
            -DBUILD_DIR=${CMAKE_BINARY_DIR}
            -DPREFIX=${CMAKE_BINARY_DIR}/install-test
            -DLIBDIR=${CMAKE_INSTALL_LIBDIR}
            -DPKG_CONFIG=${PKG_CONFIG_COMMAND}
            -DSTATIC=$<IF:$<BOOL:${BUILD_SHARED_LIBS}>,OFF,ON>
            -DCC=${CMAKE_C_COMPILER}
            "-DCFLAGS=${CMAKE_C_FLAGS}"
            -DSOURCE=${PROJECT_SOURCE_DIR}/examples/demo_client.c
            -P ${PROJECT_SOURCE_DIR}/cmake/check-install.cmake)
    set_tests_properties(install.pkg_config PROPERTIES LABELS "install;mbedtls")
endif()
