// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// net/http and the crypto under it, compiled from Go 1.19's sources: the
// overlays of runtime/overlay/crypto and the purego build tag select the
// packages' portable code (docs/overview.md, "Overlays"). Known-answer
// hashes (several blocks), AES (FIPS-197) and AES-GCM, ECDSA over P-256,
// an HTTP server and client on loopback (GET, POST, 404), and an HTTPS
// round trip through httptest's TLS server: a TLS 1.3 handshake with
// X25519, an RSA certificate parsed by crypto/x509 through encoding/asn1
// (whose reflect.Copy once crashed: reflect.typedslicecopy read its two
// struct arguments as six words, runtime/stdlib_reflect.cpp). Before the
// overlays the program did not link.
package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/rand"
	"crypto/sha512"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
)

func hashes(data []byte) {
	fmt.Printf("md5    %x\n", md5.Sum(data))
	fmt.Printf("sha1   %x\n", sha1.Sum(data))
	fmt.Printf("sha256 %x\n", sha256.Sum256(data))
	fmt.Printf("sha512 %x\n", sha512.Sum512(data))
}

func main() {
	// Known answers: FIPS 180 "abc", and 1000 bytes (several blocks).
	hashes([]byte("abc"))
	long := make([]byte, 1000)
	for i := range long {
		long[i] = byte(i * 7)
	}
	hashes(long)

	// AES-128, FIPS-197 appendix C.1; then AES-GCM both ways.
	key, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f")
	pt, _ := hex.DecodeString("00112233445566778899aabbccddeeff")
	block, _ := aes.NewCipher(key)
	ct := make([]byte, 16)
	block.Encrypt(ct, pt)
	fmt.Printf("aes    %x\n", ct)
	gcm, _ := cipher.NewGCM(block)
	nonce := make([]byte, gcm.NonceSize())
	sealed := gcm.Seal(nil, nonce, []byte("gortc speaks TLS"), []byte("ad"))
	fmt.Printf("gcm    %x\n", sealed)
	opened, err := gcm.Open(nil, nonce, sealed, []byte("ad"))
	fmt.Println("gcm open:", string(opened), err)
	sealed[0] ^= 1
	_, err = gcm.Open(nil, nonce, sealed, []byte("ad"))
	fmt.Println("gcm tampered:", err)

	// ECDSA over P-256: a signature verifies, a changed message does not.
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	digest := sha256.Sum256([]byte("gortc"))
	r, s, err := ecdsa.Sign(rand.Reader, priv, digest[:])
	fmt.Println("ecdsa:", err, ecdsa.Verify(&priv.PublicKey, digest[:], r, s))
	digest[0] ^= 1
	fmt.Println("ecdsa changed:", ecdsa.Verify(&priv.PublicKey, digest[:], r, s))

	// reflect.Copy between a slice and a string.
	dst := make([]byte, 5)
	fmt.Println("reflect.Copy:", reflect.Copy(reflect.ValueOf(dst), reflect.ValueOf("gortc!")), string(dst))

	// HTTP over loopback.
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello, %s (%s)", r.URL.Query().Get("name"), r.Method)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Length", fmt.Sprint(len(b)))
		w.Write([]byte(strings.ToUpper(string(b))))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, mux)
	base := "http://" + ln.Addr().String()
	resp, err := http.Get(base + "/hello?name=gortc")
	if err != nil {
		panic(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status, string(b))
	resp, err = http.Post(base+"/echo", "text/plain", strings.NewReader("post body"))
	if err != nil {
		panic(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status, resp.Header.Get("X-Length"), string(b))
	resp, _ = http.Get(base + "/missing")
	resp.Body.Close()
	fmt.Println(resp.Status)

	// HTTPS: a TLS handshake with httptest's certificate.
	ts := httptest.NewTLSServer(mux)
	defer ts.Close()
	resp, err = ts.Client().Get(ts.URL + "/hello?name=tls")
	if err != nil {
		panic(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status, resp.Proto, resp.TLS.Version == tls.VersionTLS13, string(b))
}

// CHECK: md5    900150983cd24fb0d6963f7d28e17f72
// CHECK-NEXT: sha1   a9993e364706816aba3e25717850c26c9cd0d89d
// CHECK-NEXT: sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
// CHECK-NEXT: sha512 ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f
// CHECK-NEXT: md5    de809ff794e91b68f9e91a2b7030bcb0
// CHECK-NEXT: sha1   38f3aa587f4aa04965a359f9151092759b3a4c2a
// CHECK-NEXT: sha256 89f4ff56a25dd1db06a4ce6033603775d705fb96f30f8693733fef602a1ca532
// CHECK-NEXT: sha512 5c3d2be85b82f8ace3dbd4cf34e814cf68201a9f3e5730253ee42fd46fbe6db2e68ab158e76a103df431f3ad279d8fa3ff6b148e21ced56feb321a6d28d101f1
// CHECK-NEXT: aes    69c4e0d86a7b0430d8cdb78070b4c55a
// CHECK-NEXT: gcm    2eb9f527fabbd5fc86e8111b40d5fccec2f01fae07f1d517717cb75022a8526b
// CHECK-NEXT: gcm open: gortc speaks TLS <nil>
// CHECK-NEXT: gcm tampered: cipher: message authentication failed
// CHECK-NEXT: ecdsa: <nil> true
// CHECK-NEXT: ecdsa changed: false
// CHECK-NEXT: reflect.Copy: 5 gortc
// CHECK-NEXT: 200 OK hello, gortc (GET)
// CHECK-NEXT: 200 OK 9 POST BODY
// CHECK-NEXT: 404 Not Found
// CHECK-NEXT: 200 OK HTTP/1.1 true hello, tls (GET)
