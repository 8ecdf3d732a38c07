// RUN: %gortc-bin build -verify %s
// Constant values in messages print as go/constant does in Go 1.19 (%.6g,
// omitted when equal to the expression), and errors in an inherited
// constant initializer are reported at the constant. (go.dev/issue/11371,
// go.dev/issue/13559, go.dev/issue/8183)
package main

const (
	a int = 1.1 // ERROR "cannot use 1\.1 \(untyped float constant\) as int value in constant declaration \(truncated\)"
	b int = 1 + 1e-70 // ERROR "cannot use 1 \+ 1e-70 \(untyped float constant 1\) as int value in constant declaration \(truncated\)"
	c int = 1.00000001 // ERROR "cannot use 1\.00000001 \(untyped float constant 1\) as int value in constant declaration \(truncated\)"
	d int = 0.00000001 // ERROR "cannot use 0\.00000001 \(untyped float constant 1e-08\) as int value in constant declaration \(truncated\)"
	e int64 = 1e-100 // ERROR "cannot use 1e-100 \(untyped float constant\) as int64 value in constant declaration \(truncated\)"
	f int64 = -123.456e-7 // ERROR "cannot use -123\.456e-7 \(untyped float constant -1\.23456e-05\) as int64 value in constant declaration \(truncated\)"
	g uint8 = 1e3 / 3 // ERROR "cannot use 1e3 / 3 \(untyped float constant 333\.333\) as uint8 value in constant declaration \(truncated\)"
	h int32 = 1 << 40 // ERROR "cannot use 1 << 40 \(untyped int constant 1099511627776\) as int32 value in constant declaration \(overflows\)"
	i float32 = 1e300 * 1e300 // ERROR "cannot use 1e300 \* 1e300 \(untyped float constant 1e\+600\) as float32 value in constant declaration \(overflows\)"
)

const (
	ok byte = iota + 254
	over
)

const (
	_ = iota
	x = [1 - iota]int{} // ERROR "\[1 - iota\]int\{\} \(value of type \[0\]int\) is not constant"
	y // ERROR "invalid array length 1 - iota \(untyped int constant -1\)"
)

func main() {}
