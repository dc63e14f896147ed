#!/bin/sh
# Installs pgvector (HNSW, cosine) into a Debian bookworm PostgreSQL 15 server, built from Debian's own
# source package (trixie's pgvector 0.8.0), for hosts that only reach Debian's mirrors. Run as root;
# no PostgreSQL restart is needed. With Docker, use the pgvector/pgvector image instead (compose.yaml).
set -eu
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
BUILD=${BUILD:-/tmp/pgvector-build}
mkdir -p "$BUILD" && cd "$BUILD"

# source only: a deb-src line cannot upgrade any installed package from trixie; removed right after
echo 'deb-src http://deb.debian.org/debian trixie main' > /etc/apt/sources.list.d/pgvector-src.list
apt-get update -qq
apt-get source --download-only pgvector
rm /etc/apt/sources.list.d/pgvector-src.list
apt-get update -qq

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-server-dev-15 build-essential
tar xzf pgvector_*.orig.tar.gz
cd pgvector-*/
# OPTFLAGS="" as in Debian's package: no -march=native, so the build runs on any x86-64 host
make -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS=""
make install PG_CONFIG="$PG_CONFIG" OPTFLAGS=""
echo "pgvector installed; CREATE EXTENSION vector is run by policy-bot (INDEX_STORE=postgres) or the tests."
