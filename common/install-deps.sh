#!/usr/bin/env bash
# Installs every Debian/Ubuntu package the course needs. Idempotent: when everything is present it
# installs nothing and says so. Works as root (CI, containers without sudo) and as a normal user (then
# it asks sudo). Later chapters add their packages to the list below.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config git
  # testing, grading and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev
  # images written by demos (stb_image_write)
  libstb-dev
  # parallel libraries (oneTBB; OpenMP comes with g++)
  libtbb-dev
  # profiling tools used in chapter 01 (callgrind, massif, heaptrack, hyperfine)
  valgrind heaptrack hyperfine
)

missing=()
for p in "${packages[@]}"; do
  # dpkg-query prints "install ok installed" for a package that is fully installed.
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} course packages are installed."
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-deps: this script needs apt-get (Debian/Ubuntu). Install these by hand: ${missing[*]}" >&2
  echo "See docs/setup.md for other systems." >&2
  exit 1
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  echo "install-deps: missing ${missing[*]}; run this script as root or install sudo." >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done."
