// RUN: %gortc-bin build -verify %s
// Interfaces may refer to themselves and each other through method
// signatures, also via unnamed interfaces embedding them; such interfaces
// are ordinary (not constraint) interfaces. (Go test/fixedbugs/bug250.go,
// bug398.go, issue16369.go)
package main

type I1 interface {
	m() I2
}

type I2 interface {
	I1
}

type J1 interface {
	F() interface{ J1 }
}

type J2 interface {
	F() interface{ J2 }
}

type T interface {
	M(interface {
		T
	})
}

var i1 I1 = i2
var i2 I2
var i2a I2 = i1
var j1 J1
var j2 J2 = j1
var t T

func main() {}
