/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The object identifiers this library knows, with OpenSSL's numbers (NID),
 * short names (SN) and long names (LN). A subset: the attributes of
 * distinguished names, key and signature algorithms, curves, digests and
 * the usual certificate extensions and purposes.
 */
#ifndef OPENSSL_OBJ_MAC_H
#define OPENSSL_OBJ_MAC_H

#define SN_undef "UNDEF"
#define LN_undef "undefined"
#define NID_undef 0

#define SN_commonName "CN"
#define LN_commonName "commonName"
#define NID_commonName 13
#define SN_countryName "C"
#define LN_countryName "countryName"
#define NID_countryName 14
#define SN_localityName "L"
#define LN_localityName "localityName"
#define NID_localityName 15
#define SN_stateOrProvinceName "ST"
#define LN_stateOrProvinceName "stateOrProvinceName"
#define NID_stateOrProvinceName 16
#define SN_organizationName "O"
#define LN_organizationName "organizationName"
#define NID_organizationName 17
#define SN_organizationalUnitName "OU"
#define LN_organizationalUnitName "organizationalUnitName"
#define NID_organizationalUnitName 18
#define SN_pkcs9_emailAddress "emailAddress"
#define LN_pkcs9_emailAddress "emailAddress"
#define NID_pkcs9_emailAddress 48
#define SN_serialNumber "serialNumber"
#define LN_serialNumber "serialNumber"
#define NID_serialNumber 105
#define SN_title "title"
#define LN_title "title"
#define NID_title 106
#define SN_description "description"
#define LN_description "description"
#define NID_description 107
#define SN_surname "SN"
#define LN_surname "surname"
#define NID_surname 100
#define SN_givenName "GN"
#define LN_givenName "givenName"
#define NID_givenName 99
#define SN_initials "initials"
#define LN_initials "initials"
#define NID_initials 101
#define SN_name "name"
#define LN_name "name"
#define NID_name 173
#define SN_dnQualifier "dnQualifier"
#define LN_dnQualifier "dnQualifier"
#define NID_dnQualifier 174
#define SN_generationQualifier "generationQualifier"
#define LN_generationQualifier "generationQualifier"
#define NID_generationQualifier 509
#define SN_pseudonym "pseudonym"
#define LN_pseudonym "pseudonym"
#define NID_pseudonym 510
#define SN_domainComponent "DC"
#define LN_domainComponent "domainComponent"
#define NID_domainComponent 391
#define SN_userId "UID"
#define LN_userId "userId"
#define NID_userId 458
#define SN_streetAddress "street"
#define LN_streetAddress "streetAddress"
#define NID_streetAddress 660
#define SN_postalCode "postalCode"
#define LN_postalCode "postalCode"
#define NID_postalCode 661
#define SN_businessCategory "businessCategory"
#define LN_businessCategory "businessCategory"
#define NID_businessCategory 860
#define SN_jurisdictionCountryName "jurisdictionC"
#define LN_jurisdictionCountryName "jurisdictionCountryName"
#define NID_jurisdictionCountryName 957
#define SN_jurisdictionLocalityName "jurisdictionL"
#define LN_jurisdictionLocalityName "jurisdictionLocalityName"
#define NID_jurisdictionLocalityName 955
#define SN_jurisdictionStateOrProvinceName "jurisdictionST"
#define LN_jurisdictionStateOrProvinceName "jurisdictionStateOrProvinceName"
#define NID_jurisdictionStateOrProvinceName 956
#define SN_organizationIdentifier "organizationIdentifier"
#define LN_organizationIdentifier "organizationIdentifier"
#define NID_organizationIdentifier 1089
#define SN_role "role"
#define LN_role "role"
#define NID_role 400
#define SN_pkcs9_unstructuredName "unstructuredName"
#define LN_pkcs9_unstructuredName "unstructuredName"
#define NID_pkcs9_unstructuredName 49
#define SN_pkcs9_challengePassword "challengePassword"
#define LN_pkcs9_challengePassword "challengePassword"
#define NID_pkcs9_challengePassword 54
#define SN_pkcs9_unstructuredAddress "unstructuredAddress"
#define LN_pkcs9_unstructuredAddress "unstructuredAddress"
#define NID_pkcs9_unstructuredAddress 55
#define SN_rsaEncryption "rsaEncryption"
#define LN_rsaEncryption "rsaEncryption"
#define NID_rsaEncryption 6
#define SN_X9_62_id_ecPublicKey "id-ecPublicKey"
#define LN_X9_62_id_ecPublicKey "id-ecPublicKey"
#define NID_X9_62_id_ecPublicKey 408
#define SN_ED25519 "ED25519"
#define LN_ED25519 "ED25519"
#define NID_ED25519 1087
#define SN_ED448 "ED448"
#define LN_ED448 "ED448"
#define NID_ED448 1088
#define SN_X25519 "X25519"
#define LN_X25519 "X25519"
#define NID_X25519 1034
#define SN_X448 "X448"
#define LN_X448 "X448"
#define NID_X448 1035
#define SN_ffdhe2048 "ffdhe2048"
#define NID_ffdhe2048 1126
#define SN_ffdhe3072 "ffdhe3072"
#define NID_ffdhe3072 1127
#define SN_ffdhe4096 "ffdhe4096"
#define NID_ffdhe4096 1128
#define SN_ffdhe6144 "ffdhe6144"
#define NID_ffdhe6144 1129
#define SN_ffdhe8192 "ffdhe8192"
#define NID_ffdhe8192 1130
#define SN_brainpoolP256r1 "brainpoolP256r1"
#define NID_brainpoolP256r1 927
#define SN_brainpoolP384r1 "brainpoolP384r1"
#define NID_brainpoolP384r1 931
#define SN_brainpoolP512r1 "brainpoolP512r1"
#define NID_brainpoolP512r1 933
#define SN_X9_62_prime256v1 "prime256v1"
#define LN_X9_62_prime256v1 "prime256v1"
#define NID_X9_62_prime256v1 415
#define SN_secp224r1 "secp224r1"
#define LN_secp224r1 "secp224r1"
#define NID_secp224r1 713
#define SN_secp256k1 "secp256k1"
#define LN_secp256k1 "secp256k1"
#define NID_secp256k1 714
#define SN_secp384r1 "secp384r1"
#define LN_secp384r1 "secp384r1"
#define NID_secp384r1 715
#define SN_secp521r1 "secp521r1"
#define LN_secp521r1 "secp521r1"
#define NID_secp521r1 716
#define SN_sha1 "SHA1"
#define LN_sha1 "sha1"
#define NID_sha1 64
#define SN_sha224 "SHA224"
#define LN_sha224 "sha224"
#define NID_sha224 675
#define SN_sha256 "SHA256"
#define LN_sha256 "sha256"
#define NID_sha256 672
#define SN_sha384 "SHA384"
#define LN_sha384 "sha384"
#define NID_sha384 673
#define SN_sha512 "SHA512"
#define LN_sha512 "sha512"
#define NID_sha512 674
#define SN_md5 "MD5"
#define LN_md5 "md5"
#define NID_md5 4
#define SN_sha1WithRSAEncryption "RSA-SHA1"
#define LN_sha1WithRSAEncryption "sha1WithRSAEncryption"
#define NID_sha1WithRSAEncryption 65
#define SN_sha256WithRSAEncryption "RSA-SHA256"
#define LN_sha256WithRSAEncryption "sha256WithRSAEncryption"
#define NID_sha256WithRSAEncryption 668
#define SN_sha384WithRSAEncryption "RSA-SHA384"
#define LN_sha384WithRSAEncryption "sha384WithRSAEncryption"
#define NID_sha384WithRSAEncryption 669
#define SN_sha512WithRSAEncryption "RSA-SHA512"
#define LN_sha512WithRSAEncryption "sha512WithRSAEncryption"
#define NID_sha512WithRSAEncryption 670
#define SN_sha224WithRSAEncryption "RSA-SHA224"
#define LN_sha224WithRSAEncryption "sha224WithRSAEncryption"
#define NID_sha224WithRSAEncryption 671
#define SN_ecdsa_with_SHA1 "ecdsa-with-SHA1"
#define LN_ecdsa_with_SHA1 "ecdsa-with-SHA1"
#define NID_ecdsa_with_SHA1 416
#define SN_ecdsa_with_SHA256 "ecdsa-with-SHA256"
#define LN_ecdsa_with_SHA256 "ecdsa-with-SHA256"
#define NID_ecdsa_with_SHA256 794
#define SN_ecdsa_with_SHA384 "ecdsa-with-SHA384"
#define LN_ecdsa_with_SHA384 "ecdsa-with-SHA384"
#define NID_ecdsa_with_SHA384 795
#define SN_ecdsa_with_SHA512 "ecdsa-with-SHA512"
#define LN_ecdsa_with_SHA512 "ecdsa-with-SHA512"
#define NID_ecdsa_with_SHA512 796
#define SN_rsassaPss "RSASSA-PSS"
#define LN_rsassaPss "rsassaPss"
#define NID_rsassaPss 912
#define SN_subject_alt_name "subjectAltName"
#define LN_subject_alt_name "X509v3 Subject Alternative Name"
#define NID_subject_alt_name 85
#define SN_key_usage "keyUsage"
#define LN_key_usage "X509v3 Key Usage"
#define NID_key_usage 83
#define SN_ext_key_usage "extendedKeyUsage"
#define LN_ext_key_usage "X509v3 Extended Key Usage"
#define NID_ext_key_usage 126
#define SN_basic_constraints "basicConstraints"
#define LN_basic_constraints "X509v3 Basic Constraints"
#define NID_basic_constraints 87
#define SN_subject_key_identifier "subjectKeyIdentifier"
#define LN_subject_key_identifier "X509v3 Subject Key Identifier"
#define NID_subject_key_identifier 82
#define SN_authority_key_identifier "authorityKeyIdentifier"
#define LN_authority_key_identifier "X509v3 Authority Key Identifier"
#define NID_authority_key_identifier 90
#define SN_crl_distribution_points "crlDistributionPoints"
#define LN_crl_distribution_points "X509v3 CRL Distribution Points"
#define NID_crl_distribution_points 103
#define SN_info_access "authorityInfoAccess"
#define LN_info_access "Authority Information Access"
#define NID_info_access 177
#define SN_certificate_policies "certificatePolicies"
#define LN_certificate_policies "X509v3 Certificate Policies"
#define NID_certificate_policies 89
#define SN_issuer_alt_name "issuerAltName"
#define LN_issuer_alt_name "X509v3 Issuer Alternative Name"
#define NID_issuer_alt_name 86
#define SN_server_auth "serverAuth"
#define LN_server_auth "TLS Web Server Authentication"
#define NID_server_auth 129
#define SN_client_auth "clientAuth"
#define LN_client_auth "TLS Web Client Authentication"
#define NID_client_auth 130
#define SN_code_sign "codeSigning"
#define LN_code_sign "Code Signing"
#define NID_code_sign 131
#define SN_email_protect "emailProtection"
#define LN_email_protect "E-mail Protection"
#define NID_email_protect 132
#define SN_time_stamp "timeStamping"
#define LN_time_stamp "Time Stamping"
#define NID_time_stamp 133
#define SN_OCSP_sign "OCSPSigning"
#define LN_OCSP_sign "OCSP Signing"
#define NID_OCSP_sign 180
#define SN_ad_OCSP "OCSP"
#define LN_ad_OCSP "OCSP"
#define NID_ad_OCSP 178
#define SN_ad_ca_issuers "caIssuers"
#define LN_ad_ca_issuers "CA Issuers"
#define NID_ad_ca_issuers 179
#define SN_netscape_cert_type "nsCertType"
#define LN_netscape_cert_type "Netscape Cert Type"
#define NID_netscape_cert_type 71
#define SN_id_pkix_OCSP_noCheck "noCheck"
#define LN_id_pkix_OCSP_noCheck "OCSP No Check"
#define NID_id_pkix_OCSP_noCheck 369

/* What SSL_CIPHER_get_kx_nid, _get_auth_nid, _get_cipher_nid and
 * _get_digest_nid return (OpenSSL's numbers). */
#define NID_kx_rsa 1037
#define NID_kx_ecdhe 1038
#define NID_kx_dhe 1039
#define NID_kx_ecdhe_psk 1040
#define NID_kx_dhe_psk 1041
#define NID_kx_rsa_psk 1042
#define NID_kx_psk 1043
#define NID_kx_any 1063
#define NID_auth_rsa 1046
#define NID_auth_ecdsa 1047
#define NID_auth_psk 1048
#define NID_auth_any 1064
#define NID_aes_128_cbc 419
#define NID_aes_256_cbc 427
#define NID_aes_128_gcm 895
#define NID_aes_256_gcm 901
#define NID_aes_128_ccm 896
#define NID_aes_256_ccm 902
#define NID_chacha20_poly1305 1018
#define NID_camellia_128_cbc 751
#define NID_camellia_256_cbc 753
#define NID_aria_128_gcm 1123
#define NID_aria_256_gcm 1125

#endif /* OPENSSL_OBJ_MAC_H */
