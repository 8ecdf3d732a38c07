// RUN: %gortc-bin build -verify %s
// Methods declared through aliases of a type are that type's methods, so
// redeclaring them through another alias is an error; a receiver that is
// an alias of a pointer type cannot take another pointer.
// (go.dev/issue/18655)
package main

type T struct{}
type A = T
type B = T
type P = *T

func (T) m() {}
func (T) m() {} // ERROR "T\.m redeclared in this block"
func (A) m() {} // ERROR "T\.m redeclared in this block"
func (A) m() {} // ERROR "T\.m redeclared in this block"
func (B) m() {} // ERROR "T\.m redeclared in this block"
func (B) m() {} // ERROR "T\.m redeclared in this block"

func (*T) m() {} // ERROR "T\.m redeclared in this block"
func (*A) m() {} // ERROR "T\.m redeclared in this block"
func (*B) m() {} // ERROR "T\.m redeclared in this block"

func (P) n()  {}
func (*P) o() {} // ERROR "invalid receiver type \*\*T"

func main() {}
