#===- cmake/gort-toolchain.cmake - Cross toolchain for libgort ------------===#
#
# Part of gortc. See LICENSE for license information.
#
#===----------------------------------------------------------------------===#
#
# Toolchain file for building the freestanding runtime (libgort/) for one
# target with clang-19, whatever the host compiler is. The top-level build
# runs libgort/CMakeLists.txt once per target through ExternalProject with
#   -DCMAKE_TOOLCHAIN_FILE=<this file> -DGORT_ARCH=x86_64|aarch64
# (docs/toolchain.md section 4, option A). No sysroot is needed: the runtime
# uses only clang's resource headers.
#
#===----------------------------------------------------------------------===#

if(NOT GORT_ARCH)
  message(FATAL_ERROR "gort-toolchain.cmake: set -DGORT_ARCH=x86_64|aarch64")
endif()
if(NOT GORT_ARCH MATCHES "^(x86_64|aarch64)$")
  message(FATAL_ERROR "gort-toolchain.cmake: unsupported GORT_ARCH '${GORT_ARCH}'")
endif()

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${GORT_ARCH})
# try_compile projects re-read this file; pass GORT_ARCH along.
set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES GORT_ARCH)

find_program(GORT_CLANG NAMES clang-19 REQUIRED)
find_program(GORT_CLANGXX NAMES clang++-19 REQUIRED)
find_program(GORT_LLVM_AR NAMES llvm-ar-19 REQUIRED)
find_program(GORT_LLVM_RANLIB NAMES llvm-ranlib-19 REQUIRED)

set(CMAKE_C_COMPILER ${GORT_CLANG})
set(CMAKE_CXX_COMPILER ${GORT_CLANGXX})
set(CMAKE_ASM_COMPILER ${GORT_CLANG})
set(CMAKE_C_COMPILER_TARGET ${GORT_ARCH}-linux-gnu)
set(CMAKE_CXX_COMPILER_TARGET ${GORT_ARCH}-linux-gnu)
set(CMAKE_ASM_COMPILER_TARGET ${GORT_ARCH}-linux-gnu)
set(CMAKE_AR ${GORT_LLVM_AR} CACHE FILEPATH "Archiver" FORCE)
set(CMAKE_RANLIB ${GORT_LLVM_RANLIB} CACHE FILEPATH "Ranlib" FORCE)

# There is no libc to link test executables against.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
