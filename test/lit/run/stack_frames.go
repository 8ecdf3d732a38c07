// RUN: %gortc -O0 -o %t0 %s && env GORTDEBUG=stackcheck=1 %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -O1 -o %t1 %s && env GORTDEBUG=stackcheck=1 %run %t1 2>&1 | FileCheck %s
// RUN: %gortc -O2 -o %t2 %s && env GORTDEBUG=stackcheck=1 %run %t2 2>&1 | FileCheck %s
// RUN: %gortc -O3 -o %t3 %s && env GORTDEBUG=stackcheck=1 GOMAXPROCS=1 %run %t3 2>&1 | FileCheck %s
// RUN: %gortc --partitions 3 -o %tp %s && env GORTDEBUG=stackcheck=1 %run %tp 2>&1 | FileCheck %s
// With the frame prediction off, code generation's check of every frame
// finds the big ones and they are split and compiled again (in a cache of
// its own, or a second run would take the executable from the cache):
// RUN: rm -rf %t.cache && env GORTCACHE=%t.cache %gortc -mllvm -gortc-split-above=100000000 --time -o %tv %s 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: env GORTDEBUG=stackcheck=1 %run %tv 2>&1 | FileCheck %s
// VERIFY: frame(s) over the limit, split and compiled again
// Frames of any size grow the stack correctly (codegen/stack_check.cpp):
// locals from 1 KiB to 1 MiB, many medium locals, hundreds of values live
// across a call, in recursion and in goroutines, at every -O level and in
// a build cut into partitions. GORTDEBUG=stackcheck=1
// makes the runtime check at every stack switch and preemption that the
// stack pointer lies inside its segment, so a frame that reached below its
// segment fails the test even if nothing visible broke.

// CHECK: frame128 41943
// CHECK-NEXT: frame512 138327
// CHECK-NEXT: frame2048 493143
// CHECK-NEXT: frame8192 1912407
// CHECK-NEXT: frame32768 327862
// CHECK-NEXT: frame131072 1310902
// CHECK-NEXT: medium 382500
// CHECK-NEXT: live 8976
// CHECK-NEXT: goroutines 3014716

package main

// Each frameN keeps an N-word array live across a recursive call, indexed
// with computed indices so that it stays in memory.

func frame128(depth, k int) int {
	var a [128]int
	for i := 0; i < 128; i++ {
		a[i] = i*k + depth
	}
	r := 0
	if depth > 0 {
		r = frame128(depth-1, k+1)
	}
	return r + a[(k*7)%128] + a[128-1-(k%128)]
}

func frame512(depth, k int) int {
	var a [512]int
	for i := 0; i < 512; i++ {
		a[i] = i*k + depth
	}
	r := 0
	if depth > 0 {
		r = frame512(depth-1, k+1)
	}
	return r + a[(k*7)%512] + a[512-1-(k%512)]
}

func frame2048(depth, k int) int {
	var a [2048]int
	for i := 0; i < 2048; i++ {
		a[i] = i*k + depth
	}
	r := 0
	if depth > 0 {
		r = frame2048(depth-1, k+1)
	}
	return r + a[(k*7)%2048] + a[2048-1-(k%2048)]
}

func frame8192(depth, k int) int {
	var a [8192]int
	for i := 0; i < 8192; i++ {
		a[i] = i*k + depth
	}
	r := 0
	if depth > 0 {
		r = frame8192(depth-1, k+1)
	}
	return r + a[(k*7)%8192] + a[8192-1-(k%8192)]
}

func frame32768(depth, k int) int {
	var a [32768]int
	for i := 0; i < 32768; i++ {
		a[i] = i*k + depth
	}
	r := 0
	if depth > 0 {
		r = frame32768(depth-1, k+1)
	}
	return r + a[(k*7)%32768] + a[32768-1-(k%32768)]
}

func frame131072(depth, k int) int {
	var a [131072]int
	for i := 0; i < 131072; i++ {
		a[i] = i*k + depth
	}
	r := 0
	if depth > 0 {
		r = frame131072(depth-1, k+1)
	}
	return r + a[(k*7)%131072] + a[131072-1-(k%131072)]
}

// Many medium locals.
func medium(depth int) int {
	var m0 [16]int
	var m1 [16]int
	var m2 [16]int
	var m3 [16]int
	var m4 [16]int
	var m5 [16]int
	var m6 [16]int
	var m7 [16]int
	var m8 [16]int
	var m9 [16]int
	var m10 [16]int
	var m11 [16]int
	var m12 [16]int
	var m13 [16]int
	var m14 [16]int
	var m15 [16]int
	var m16 [16]int
	var m17 [16]int
	var m18 [16]int
	var m19 [16]int
	var m20 [16]int
	var m21 [16]int
	var m22 [16]int
	var m23 [16]int
	m0[(depth+0)%16] = depth*1
	m1[(depth+1)%16] = depth*2
	m2[(depth+2)%16] = depth*3
	m3[(depth+3)%16] = depth*4
	m4[(depth+4)%16] = depth*5
	m5[(depth+5)%16] = depth*6
	m6[(depth+6)%16] = depth*7
	m7[(depth+7)%16] = depth*8
	m8[(depth+8)%16] = depth*9
	m9[(depth+9)%16] = depth*10
	m10[(depth+10)%16] = depth*11
	m11[(depth+11)%16] = depth*12
	m12[(depth+12)%16] = depth*13
	m13[(depth+13)%16] = depth*14
	m14[(depth+14)%16] = depth*15
	m15[(depth+15)%16] = depth*16
	m16[(depth+16)%16] = depth*17
	m17[(depth+17)%16] = depth*18
	m18[(depth+18)%16] = depth*19
	m19[(depth+19)%16] = depth*20
	m20[(depth+20)%16] = depth*21
	m21[(depth+21)%16] = depth*22
	m22[(depth+22)%16] = depth*23
	m23[(depth+23)%16] = depth*24
	r := 0
	if depth > 0 {
		r = medium(depth - 1)
	}
	return r + m0[(depth+0)%16] + m1[(depth+1)%16] + m2[(depth+2)%16] + m3[(depth+3)%16] + m4[(depth+4)%16] + m5[(depth+5)%16] + m6[(depth+6)%16] + m7[(depth+7)%16] + m8[(depth+8)%16] + m9[(depth+9)%16] + m10[(depth+10)%16] + m11[(depth+11)%16] + m12[(depth+12)%16] + m13[(depth+13)%16] + m14[(depth+14)%16] + m15[(depth+15)%16] + m16[(depth+16)%16] + m17[(depth+17)%16] + m18[(depth+18)%16] + m19[(depth+19)%16] + m20[(depth+20)%16] + m21[(depth+21)%16] + m22[(depth+22)%16] + m23[(depth+23)%16]
}

//go:noinline
func get(x int) int { return x*31 + 7 }

// Hundreds of values live across a call.
func live(depth int) int {
	v0 := get(depth + 0)
	v1 := get(depth + 1)
	v2 := get(depth + 2)
	v3 := get(depth + 3)
	v4 := get(depth + 4)
	v5 := get(depth + 5)
	v6 := get(depth + 6)
	v7 := get(depth + 7)
	v8 := get(depth + 8)
	v9 := get(depth + 9)
	v10 := get(depth + 10)
	v11 := get(depth + 11)
	v12 := get(depth + 12)
	v13 := get(depth + 13)
	v14 := get(depth + 14)
	v15 := get(depth + 15)
	v16 := get(depth + 16)
	v17 := get(depth + 17)
	v18 := get(depth + 18)
	v19 := get(depth + 19)
	v20 := get(depth + 20)
	v21 := get(depth + 21)
	v22 := get(depth + 22)
	v23 := get(depth + 23)
	v24 := get(depth + 24)
	v25 := get(depth + 25)
	v26 := get(depth + 26)
	v27 := get(depth + 27)
	v28 := get(depth + 28)
	v29 := get(depth + 29)
	v30 := get(depth + 30)
	v31 := get(depth + 31)
	v32 := get(depth + 32)
	v33 := get(depth + 33)
	v34 := get(depth + 34)
	v35 := get(depth + 35)
	v36 := get(depth + 36)
	v37 := get(depth + 37)
	v38 := get(depth + 38)
	v39 := get(depth + 39)
	v40 := get(depth + 40)
	v41 := get(depth + 41)
	v42 := get(depth + 42)
	v43 := get(depth + 43)
	v44 := get(depth + 44)
	v45 := get(depth + 45)
	v46 := get(depth + 46)
	v47 := get(depth + 47)
	v48 := get(depth + 48)
	v49 := get(depth + 49)
	v50 := get(depth + 50)
	v51 := get(depth + 51)
	v52 := get(depth + 52)
	v53 := get(depth + 53)
	v54 := get(depth + 54)
	v55 := get(depth + 55)
	v56 := get(depth + 56)
	v57 := get(depth + 57)
	v58 := get(depth + 58)
	v59 := get(depth + 59)
	v60 := get(depth + 60)
	v61 := get(depth + 61)
	v62 := get(depth + 62)
	v63 := get(depth + 63)
	v64 := get(depth + 64)
	v65 := get(depth + 65)
	v66 := get(depth + 66)
	v67 := get(depth + 67)
	v68 := get(depth + 68)
	v69 := get(depth + 69)
	v70 := get(depth + 70)
	v71 := get(depth + 71)
	v72 := get(depth + 72)
	v73 := get(depth + 73)
	v74 := get(depth + 74)
	v75 := get(depth + 75)
	v76 := get(depth + 76)
	v77 := get(depth + 77)
	v78 := get(depth + 78)
	v79 := get(depth + 79)
	v80 := get(depth + 80)
	v81 := get(depth + 81)
	v82 := get(depth + 82)
	v83 := get(depth + 83)
	v84 := get(depth + 84)
	v85 := get(depth + 85)
	v86 := get(depth + 86)
	v87 := get(depth + 87)
	v88 := get(depth + 88)
	v89 := get(depth + 89)
	v90 := get(depth + 90)
	v91 := get(depth + 91)
	v92 := get(depth + 92)
	v93 := get(depth + 93)
	v94 := get(depth + 94)
	v95 := get(depth + 95)
	v96 := get(depth + 96)
	v97 := get(depth + 97)
	v98 := get(depth + 98)
	v99 := get(depth + 99)
	v100 := get(depth + 100)
	v101 := get(depth + 101)
	v102 := get(depth + 102)
	v103 := get(depth + 103)
	v104 := get(depth + 104)
	v105 := get(depth + 105)
	v106 := get(depth + 106)
	v107 := get(depth + 107)
	v108 := get(depth + 108)
	v109 := get(depth + 109)
	v110 := get(depth + 110)
	v111 := get(depth + 111)
	v112 := get(depth + 112)
	v113 := get(depth + 113)
	v114 := get(depth + 114)
	v115 := get(depth + 115)
	v116 := get(depth + 116)
	v117 := get(depth + 117)
	v118 := get(depth + 118)
	v119 := get(depth + 119)
	v120 := get(depth + 120)
	v121 := get(depth + 121)
	v122 := get(depth + 122)
	v123 := get(depth + 123)
	v124 := get(depth + 124)
	v125 := get(depth + 125)
	v126 := get(depth + 126)
	v127 := get(depth + 127)
	v128 := get(depth + 128)
	v129 := get(depth + 129)
	v130 := get(depth + 130)
	v131 := get(depth + 131)
	v132 := get(depth + 132)
	v133 := get(depth + 133)
	v134 := get(depth + 134)
	v135 := get(depth + 135)
	v136 := get(depth + 136)
	v137 := get(depth + 137)
	v138 := get(depth + 138)
	v139 := get(depth + 139)
	v140 := get(depth + 140)
	v141 := get(depth + 141)
	v142 := get(depth + 142)
	v143 := get(depth + 143)
	v144 := get(depth + 144)
	v145 := get(depth + 145)
	v146 := get(depth + 146)
	v147 := get(depth + 147)
	v148 := get(depth + 148)
	v149 := get(depth + 149)
	v150 := get(depth + 150)
	v151 := get(depth + 151)
	v152 := get(depth + 152)
	v153 := get(depth + 153)
	v154 := get(depth + 154)
	v155 := get(depth + 155)
	v156 := get(depth + 156)
	v157 := get(depth + 157)
	v158 := get(depth + 158)
	v159 := get(depth + 159)
	v160 := get(depth + 160)
	v161 := get(depth + 161)
	v162 := get(depth + 162)
	v163 := get(depth + 163)
	v164 := get(depth + 164)
	v165 := get(depth + 165)
	v166 := get(depth + 166)
	v167 := get(depth + 167)
	v168 := get(depth + 168)
	v169 := get(depth + 169)
	v170 := get(depth + 170)
	v171 := get(depth + 171)
	v172 := get(depth + 172)
	v173 := get(depth + 173)
	v174 := get(depth + 174)
	v175 := get(depth + 175)
	v176 := get(depth + 176)
	v177 := get(depth + 177)
	v178 := get(depth + 178)
	v179 := get(depth + 179)
	v180 := get(depth + 180)
	v181 := get(depth + 181)
	v182 := get(depth + 182)
	v183 := get(depth + 183)
	v184 := get(depth + 184)
	v185 := get(depth + 185)
	v186 := get(depth + 186)
	v187 := get(depth + 187)
	v188 := get(depth + 188)
	v189 := get(depth + 189)
	v190 := get(depth + 190)
	v191 := get(depth + 191)
	v192 := get(depth + 192)
	v193 := get(depth + 193)
	v194 := get(depth + 194)
	v195 := get(depth + 195)
	v196 := get(depth + 196)
	v197 := get(depth + 197)
	v198 := get(depth + 198)
	v199 := get(depth + 199)
	v200 := get(depth + 200)
	v201 := get(depth + 201)
	v202 := get(depth + 202)
	v203 := get(depth + 203)
	v204 := get(depth + 204)
	v205 := get(depth + 205)
	v206 := get(depth + 206)
	v207 := get(depth + 207)
	v208 := get(depth + 208)
	v209 := get(depth + 209)
	v210 := get(depth + 210)
	v211 := get(depth + 211)
	v212 := get(depth + 212)
	v213 := get(depth + 213)
	v214 := get(depth + 214)
	v215 := get(depth + 215)
	v216 := get(depth + 216)
	v217 := get(depth + 217)
	v218 := get(depth + 218)
	v219 := get(depth + 219)
	v220 := get(depth + 220)
	v221 := get(depth + 221)
	v222 := get(depth + 222)
	v223 := get(depth + 223)
	v224 := get(depth + 224)
	v225 := get(depth + 225)
	v226 := get(depth + 226)
	v227 := get(depth + 227)
	v228 := get(depth + 228)
	v229 := get(depth + 229)
	v230 := get(depth + 230)
	v231 := get(depth + 231)
	v232 := get(depth + 232)
	v233 := get(depth + 233)
	v234 := get(depth + 234)
	v235 := get(depth + 235)
	v236 := get(depth + 236)
	v237 := get(depth + 237)
	v238 := get(depth + 238)
	v239 := get(depth + 239)
	r := 0
	if depth > 0 {
		r = live(depth - 1)
	}
	return r ^ v0 ^ v1 ^ v2 ^ v3 ^ v4 ^ v5 ^ v6 ^ v7 ^ v8 ^ v9 ^ v10 ^ v11 ^ v12 ^ v13 ^ v14 ^ v15 ^ v16 ^ v17 ^ v18 ^ v19 ^ v20 ^ v21 ^ v22 ^ v23 ^ v24 ^ v25 ^ v26 ^ v27 ^ v28 ^ v29 ^ v30 ^ v31 ^ v32 ^ v33 ^ v34 ^ v35 ^ v36 ^ v37 ^ v38 ^ v39 ^ v40 ^ v41 ^ v42 ^ v43 ^ v44 ^ v45 ^ v46 ^ v47 ^ v48 ^ v49 ^ v50 ^ v51 ^ v52 ^ v53 ^ v54 ^ v55 ^ v56 ^ v57 ^ v58 ^ v59 ^ v60 ^ v61 ^ v62 ^ v63 ^ v64 ^ v65 ^ v66 ^ v67 ^ v68 ^ v69 ^ v70 ^ v71 ^ v72 ^ v73 ^ v74 ^ v75 ^ v76 ^ v77 ^ v78 ^ v79 ^ v80 ^ v81 ^ v82 ^ v83 ^ v84 ^ v85 ^ v86 ^ v87 ^ v88 ^ v89 ^ v90 ^ v91 ^ v92 ^ v93 ^ v94 ^ v95 ^ v96 ^ v97 ^ v98 ^ v99 ^ v100 ^ v101 ^ v102 ^ v103 ^ v104 ^ v105 ^ v106 ^ v107 ^ v108 ^ v109 ^ v110 ^ v111 ^ v112 ^ v113 ^ v114 ^ v115 ^ v116 ^ v117 ^ v118 ^ v119 ^ v120 ^ v121 ^ v122 ^ v123 ^ v124 ^ v125 ^ v126 ^ v127 ^ v128 ^ v129 ^ v130 ^ v131 ^ v132 ^ v133 ^ v134 ^ v135 ^ v136 ^ v137 ^ v138 ^ v139 ^ v140 ^ v141 ^ v142 ^ v143 ^ v144 ^ v145 ^ v146 ^ v147 ^ v148 ^ v149 ^ v150 ^ v151 ^ v152 ^ v153 ^ v154 ^ v155 ^ v156 ^ v157 ^ v158 ^ v159 ^ v160 ^ v161 ^ v162 ^ v163 ^ v164 ^ v165 ^ v166 ^ v167 ^ v168 ^ v169 ^ v170 ^ v171 ^ v172 ^ v173 ^ v174 ^ v175 ^ v176 ^ v177 ^ v178 ^ v179 ^ v180 ^ v181 ^ v182 ^ v183 ^ v184 ^ v185 ^ v186 ^ v187 ^ v188 ^ v189 ^ v190 ^ v191 ^ v192 ^ v193 ^ v194 ^ v195 ^ v196 ^ v197 ^ v198 ^ v199 ^ v200 ^ v201 ^ v202 ^ v203 ^ v204 ^ v205 ^ v206 ^ v207 ^ v208 ^ v209 ^ v210 ^ v211 ^ v212 ^ v213 ^ v214 ^ v215 ^ v216 ^ v217 ^ v218 ^ v219 ^ v220 ^ v221 ^ v222 ^ v223 ^ v224 ^ v225 ^ v226 ^ v227 ^ v228 ^ v229 ^ v230 ^ v231 ^ v232 ^ v233 ^ v234 ^ v235 ^ v236 ^ v237 ^ v238 ^ v239
}

func main() {
	println("frame128", frame128(20, 1))
	println("frame512", frame512(20, 1))
	println("frame2048", frame2048(20, 1))
	println("frame8192", frame8192(20, 1))
	println("frame32768", frame32768(3, 1))
	println("frame131072", frame131072(3, 1))
	println("medium", medium(50))
	println("live", live(30))
	done := make(chan int)
	go func() { done <- frame128(10, 3) }()
	go func() { done <- frame512(10, 3) }()
	go func() { done <- frame2048(10, 3) }()
	go func() { done <- frame8192(10, 3) }()
	go func() { done <- frame32768(2, 3) }()
	go func() { done <- frame131072(2, 3) }()
	go func() { done <- medium(20) }()
	go func() { done <- live(10) }()
	sum := 0
	for i := 0; i < 8; i++ {
		sum += <-done
	}
	println("goroutines", sum)
}
