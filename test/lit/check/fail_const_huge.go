// RUN: %gortc-bin build -verify %s
// Float constants beyond big.Float's int32 binary exponent are malformed,
// as in gc; huge floats are never turned into (huge) integers, and their
// messages show them rounded. None of this may take long (a fuzzer found
// uint64(18446744073E709551615) taking minutes).
package main

const big = 1e100000

func main() {
	println(uint64(18446744073E709551615)) // ERROR "malformed constant: 18446744073E709551615"
	println(int64(0x1p3000000000))         // ERROR "malformed constant: 0x1p3000000000"
	println(uint64(big))                   // ERROR "cannot convert big \(untyped float constant 1e\+100000\) to type uint64"
	println(1 << big)                      // ERROR "big \(untyped float constant 1e\+100000\) truncated to uint"
	println(big > 1, 1e-100000000 > 0)
}

// Values below big.Float's exponent range underflow to zero, so complex
// divisors whose squares underflow are division by zero (go.dev/issue/20227).
var _ = 1 / 1e-600000000i                   // ERROR "division by zero"
var _ = 1i / (1e-600000000 + 1e-600000000i) // ERROR "division by zero"
var _ = 1e-600000000 > 0 && 1e-600000000*1e-600000000 == 0
