#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Makes the certificates and keys the compat tests use, with the openssl
# command, into the directory given (EC P-256 keys: quick to make and use).
#   ca.pem / ca.key                 the trusted test CA
#   server.pem / server.key         CN=localhost, SAN DNS:localhost, IP:127.0.0.1
#   server.der / server-key.der     the same in DER
#   expired.pem                     server.key's certificate, valid only in 2020
#   selfsigned.pem / selfsigned.key self-signed, CN and SAN localhost
#   other-ca.pem, untrusted.pem     a certificate for localhost from another CA
#   client.pem / client.key         a client certificate from the test CA
#   intermediate.pem / .key         an intermediate CA under the test CA
#   chained.pem / chained.key       CN=localhost from the intermediate
#   server-enc8.pem                 server.key as encrypted PKCS#8, password "secret"
#   server-enc.pem                  server.key as encrypted SEC1 (AES-256-CBC), "secret"
#   rsa.key                         an RSA-2048 key in PKCS#1 form
#   names.pem, bmpnames.pem         self-signed, with names that exercise OpenSSL's
#                                   printing (UTF-8, multi-valued RDNs, specials, BMPString)
#                                   and every kind of subjectAltName entry
#   future.pem                      server.key's certificate, valid only in 2099
#   revoked.pem, ca.crl             a certificate for localhost, and the CA's CRL revoking it
#   cnonly.pem                      CN=localhost and no subjectAltName
#   clientonly.pem                  for localhost, but extendedKeyUsage clientAuth only
#   wildcard.pem                    SAN DNS:*.example.test
#   dh1024.pem                      1024-bit DH parameters (RFC 5114), too small at level 2
#   dhx2048.pem                     2048-bit X9.42 DH parameters with a 224-bit q (RFC 5114)
#   rsa-server.pem, p384-server.pem / p384.key
#                                   localhost with an RSA-2048 and a P-384 key
#   *.oneline, *.rfc2253, *.multiline, *.compat, *.facts
#                                   what the openssl command prints for them: the oracle
set -eu
out=$1
mkdir -p "$out"
cd "$out"
if [ -f .complete-7 ]; then
    exit 0
fi

keygen() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

cat > ext.cnf <<'CNF'
[ca_ext]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[cnonly_ext]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
[clientonly_ext]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:localhost
[wildcard_ext]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:*.example.test
[rsa_server_ext]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
[client_ext]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
CNF

keygen ca.key
openssl req -x509 -new -key ca.key -subj "/CN=Compat Test CA" -days 3650 \
    -config ext.cnf -extensions ca_ext -out ca.pem 2>/dev/null

keygen server.key
openssl req -new -key server.key -subj "/CN=localhost" -out server.csr 2>/dev/null
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile ext.cnf -extensions server_ext -out server.pem 2>/dev/null
openssl x509 -in server.pem -outform DER -out server.der
openssl pkey -in server.key -outform DER -out server-key.der

# An expired certificate needs a start date in the past: "openssl ca" sets one.
mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial
echo 1000 > ca-db/crlnumber
cat > ca.cnf <<'CNF'
[ca]
default_ca = test_ca
[test_ca]
database = ca-db/index.txt
serial = ca-db/serial
crlnumber = ca-db/crlnumber
default_crl_days = 3650
new_certs_dir = ca-db
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
CNF
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in server.csr \
    -startdate 20200101000000Z -enddate 20200102000000Z \
    -extfile ext.cnf -extensions server_ext -out expired.pem 2>/dev/null

keygen selfsigned.key
openssl req -x509 -new -key selfsigned.key -subj "/CN=localhost" -days 3650 \
    -addext "subjectAltName=DNS:localhost" -out selfsigned.pem 2>/dev/null

keygen other-ca.key
openssl req -x509 -new -key other-ca.key -subj "/CN=Other Test CA" -days 3650 \
    -config ext.cnf -extensions ca_ext -out other-ca.pem 2>/dev/null
openssl x509 -req -in server.csr -CA other-ca.pem -CAkey other-ca.key -CAcreateserial \
    -days 3650 -extfile ext.cnf -extensions server_ext -out untrusted.pem 2>/dev/null

keygen client.key
openssl req -new -key client.key -subj "/CN=compat client" -out client.csr 2>/dev/null
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile ext.cnf -extensions client_ext -out client.pem 2>/dev/null

keygen intermediate.key
openssl req -new -key intermediate.key -subj "/CN=Compat Intermediate CA" \
    -out intermediate.csr 2>/dev/null
openssl x509 -req -in intermediate.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile ext.cnf -extensions ca_ext -out intermediate.pem 2>/dev/null
keygen chained.key
openssl req -new -key chained.key -subj "/CN=localhost" -out chained.csr 2>/dev/null
openssl x509 -req -in chained.csr -CA intermediate.pem -CAkey intermediate.key \
    -CAcreateserial -days 3650 -extfile ext.cnf -extensions server_ext -out chained.pem 2>/dev/null

openssl pkcs8 -topk8 -in server.key -passout pass:secret -out server-enc8.pem
openssl ec -in server.key -aes256 -passout pass:secret -out server-enc.pem 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null |
    openssl pkey -traditional -out rsa.key

cat > names.cnf <<'CNF'
[req]
distinguished_name = dn
x509_extensions = names_ext
string_mask = utf8only
[dn]
[names_ext]
basicConstraints = critical, CA:FALSE
subjectAltName = DNS:a.example.test, DNS:*.b.example.test, IP:10.0.0.1, IP:::1, email:x@example.test, URI:https://example.test/, otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.test, dirName:dir_sect, RID:1.2.3.4
[dir_sect]
CN = Directory Name
O = Dir Org
CNF
sed 's/^string_mask = .*/string_mask = MASK:0x800/' names.cnf > bmpnames.cnf
# Non-ASCII written as octal escapes, so this file stays ASCII.
umlaut_o=$(printf 'M\303\274ller, "S\303\266hne" & Co')
openssl req -x509 -new -key server.key -config names.cnf -utf8 -multivalue-rdn -days 3650 \
    -subj "/C=DE/ST=Bayern/O=$umlaut_o/OU=R\\+D+UID=42/OU=Ops;Team/CN=*.example.test/emailAddress=admin@example.test/DC=example" \
    -out names.pem 2>/dev/null
tab=$(printf '\t')
euro=$(printf 'Z\303\274rich \342\202\254')
openssl req -x509 -new -key server.key -config bmpnames.cnf -utf8 -days 3650 \
    -subj "/CN=#lead/O= space /OU=tab${tab}x/L=$euro/ST=<a>;\"b\"\\\\c" \
    -out bmpnames.pem 2>/dev/null
for name in names bmpnames; do
    openssl x509 -in $name.pem -noout -subject -nameopt oneline | sed 's/^subject=//' > $name.oneline
    openssl x509 -in $name.pem -noout -subject -nameopt RFC2253 | sed 's/^subject=//' > $name.rfc2253
    openssl x509 -in $name.pem -noout -subject -nameopt multiline | sed 1d > $name.multiline
    openssl x509 -in $name.pem -noout -subject -nameopt compat | sed 's/^subject=//' > $name.compat
    openssl x509 -in $name.pem -noout -serial -fingerprint -sha256 -dates > $name.facts
done

openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in server.csr \
    -startdate 20990101000000Z -enddate 20991231000000Z \
    -extfile ext.cnf -extensions server_ext -out future.pem 2>/dev/null
sign_server() { # csr, extensions, output
    openssl x509 -req -in "$1" -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
        -extfile ext.cnf -extensions "$2" -out "$3" 2>/dev/null
}
sign_server server.csr cnonly_ext cnonly.pem
sign_server server.csr clientonly_ext clientonly.pem
sign_server server.csr wildcard_ext wildcard.pem
openssl req -new -key rsa.key -subj "/CN=localhost" -out rsa-server.csr 2>/dev/null
sign_server rsa-server.csr rsa_server_ext rsa-server.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384.key 2>/dev/null
openssl req -new -key p384.key -subj "/CN=localhost" -out p384-server.csr 2>/dev/null
sign_server p384-server.csr server_ext p384-server.pem

openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in server.csr -days 3650 \
    -extfile ext.cnf -extensions server_ext -out revoked.pem 2>/dev/null
openssl ca -config ca.cnf -cert ca.pem -keyfile ca.key -revoke revoked.pem 2>/dev/null
openssl ca -config ca.cnf -cert ca.pem -keyfile ca.key -gencrl -out ca.crl 2>/dev/null

openssl genpkey -genparam -algorithm DH -pkeyopt dh_rfc5114:1 -out dh1024.pem 2>/dev/null
openssl genpkey -genparam -algorithm DHX -pkeyopt dh_rfc5114:2 -out dhx2048.pem 2>/dev/null

touch .complete-7
