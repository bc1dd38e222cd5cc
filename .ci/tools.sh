# Checks and installs of the tools the build needs, sourced by ./degenduel-ws and .ci/run.
# Defines functions only; each failure is one line on stderr naming the tool and what to do.
# DD_TOOL_NAME (set by the sourcing script) prefixes the messages.

# A Node.js too old for the TypeScript client (18, what Debian 12 and Ubuntu 24.04 ship) is replaced by
# this one, from the npm registry's binary packages (nodejs.org may not be reachable), with this npm.
DD_NODE_VERSION=22.23.3
DD_NPM_VERSION=10.9.9
DD_NODE_MIN_MAJOR=20

dd_fail() {
  echo "${DD_TOOL_NAME:-degenduel-ws}: $*" >&2
  exit 1
}

# The java that runs the launcher and Maven: JAVA_HOME's when it is set, as Maven does.
dd_java() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}

dd_require_java() {
  local java version major
  java="$(dd_java)"
  command -v "$java" >/dev/null ||
    dd_fail "Java 17 or newer is needed: no $java (install a JDK 17, e.g. apt-get install openjdk-17-jdk-headless, or set JAVA_HOME)"
  # "17.0.15", "21", or "1.8.0_392" before Java 9.
  version="$("$java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version#1.}"
  major="${major%%[^0-9]*}"
  [[ -n "$major" && "$major" -ge 17 ]] ||
    dd_fail "Java 17 or newer is needed: $java is ${version:-of an unknown version} (install a JDK 17 or set JAVA_HOME to one)"
}

dd_require_maven() {
  command -v mvn >/dev/null ||
    dd_fail "Maven 3.8 or newer is needed to build: no mvn on the PATH (e.g. apt-get install maven)"
}

dd_apt_install() {
  command -v apt-get >/dev/null || dd_fail "cannot install $* without apt-get: install it by hand"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  echo "${DD_TOOL_NAME:-degenduel-ws}: installing $* with apt-get" >&2
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

dd_node_major() {
  node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p'
}

# Leaves a Node.js of DD_NODE_MIN_MAJOR or newer, with its npm, first on the PATH. The system's when it is
# recent enough; otherwise DD_NODE_VERSION, installed once into a cache directory with the system's npm
# (Debian's, installed when there is none).
dd_use_node() {
  local major
  major="$(dd_node_major)"
  if [[ -n "$major" && "$major" -ge "$DD_NODE_MIN_MAJOR" ]] && command -v npm >/dev/null; then
    return
  fi
  command -v npm >/dev/null || dd_apt_install nodejs npm

  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) dd_fail "Node.js $DD_NODE_MIN_MAJOR or newer is needed, and the npm registry has no binary package for $(uname -m): install one by hand" ;;
  esac
  local dir="${XDG_CACHE_HOME:-$HOME/.cache}/degenduel-ws/node-$DD_NODE_VERSION-linux-$arch"
  if [[ "$("$dir/node_modules/.bin/node" --version 2>/dev/null)" != "v$DD_NODE_VERSION" ]]; then
    echo "${DD_TOOL_NAME:-degenduel-ws}: the system's Node.js is ${major:+version }${major:-missing}; installing Node.js $DD_NODE_VERSION" \
      "(npm package node-linux-$arch) and npm $DD_NPM_VERSION into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    # No install scripts: the binary package needs none, and none should run from a download.
    npm install --prefix "$dir" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error \
      "node-linux-$arch@$DD_NODE_VERSION" "npm@$DD_NPM_VERSION" >&2 ||
      dd_fail "could not install Node.js $DD_NODE_VERSION from the npm registry"
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  hash -r
  [[ "$(node --version 2>/dev/null)" == "v$DD_NODE_VERSION" ]] ||
    dd_fail "$dir holds no runnable Node.js $DD_NODE_VERSION (node --version: $(node --version 2>&1 | head -n 1))"
  [[ "$(npm --version 2>/dev/null)" == "$DD_NPM_VERSION" ]] ||
    dd_fail "$dir holds no runnable npm $DD_NPM_VERSION (npm --version: $(npm --version 2>&1 | head -n 1))"
}

dd_is_browser() {
  [[ -x "$1" ]] && "$1" --version >/dev/null 2>&1
}

# Exports CHROME_PATH, the Chromium or Chrome the browser test drives: the one CHROME_PATH names, else the
# first on the PATH, else Debian's chromium, installed.
dd_use_chrome() {
  if [[ -n "${CHROME_PATH:-}" ]]; then
    dd_is_browser "$CHROME_PATH" || dd_fail "CHROME_PATH=$CHROME_PATH is not a Chromium or Chrome that runs ($CHROME_PATH --version fails)"
    return
  fi
  local name path
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    path="$(command -v "$name" || true)"
    if [[ -n "$path" ]] && dd_is_browser "$path"; then
      export CHROME_PATH="$path"
      return
    fi
  done
  # Debian's chromium is a real package; Ubuntu's is a stub that needs snapd, hence the check after.
  dd_apt_install chromium || true
  dd_is_browser /usr/bin/chromium ||
    dd_fail "no Chromium runs here: install Chromium or Chrome and set CHROME_PATH to its executable"
  export CHROME_PATH=/usr/bin/chromium
}
