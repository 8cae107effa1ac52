// The environment an action may set: the author's own plain names (capitals, digits, _), never
// a name that a shell, the loader, an interpreter or a common tool reads to decide what code to
// run or where to load it from. Each refusal names the family, so the author knows why.

interface Family {
  test: (name: string) => boolean;
  why: string;
}

const exact = (names: string[], why: string): Family => ({ test: (n) => names.includes(n), why });
const prefix = (prefixes: string[], why: string): Family => ({ test: (n) => prefixes.some((p) => n.startsWith(p)), why });

const families: Family[] = [
  prefix(['CORDON_'], 'Cordon sets its own variables'),
  prefix(['LD_', 'DYLD_'], 'the dynamic loader reads it to load libraries into every program'),
  exact(['GCONV_PATH', 'LOCPATH', 'NLSPATH', 'MALLOC_CHECK_', 'MALLOC_PERTURB_', 'GLIBC_TUNABLES', 'HOSTALIASES', 'RESOLV_HOST_CONF', 'RES_OPTIONS', 'LOCALDOMAIN', 'TZDIR', 'GETCONF_DIR'], 'the C library reads it to load code or configuration'),
  exact(['PATH', 'HOME', 'SHELL', 'USER', 'LOGNAME', 'TMPDIR', 'PWD', 'OLDPWD', 'CDPATH'], 'Cordon sets it for every run (or the shell relies on it)'),
  exact(['ENV', 'BASH_ENV', 'IFS', 'SHELLOPTS', 'BASHOPTS', 'PS1', 'PS2', 'PS3', 'PS4', 'PROMPT_COMMAND', 'GLOBIGNORE', 'HISTFILE', 'INPUTRC', 'ZDOTDIR', 'FPATH', 'MAIL', 'MAILPATH', 'TERM', 'TERMINFO', 'TERMCAP', 'EXECIGNORE', 'FIGNORE', 'POSIXLY_CORRECT', 'KSH_VERSION'], 'a shell reads it to run code or change how it parses'),
  prefix(['BASH_', 'BASH', 'ZSH_', 'KSH_'], 'a shell reads it to run code or change how it parses'),
  prefix(['PYTHON'], 'Python reads it to decide what code to load'),
  prefix(['PERL', 'PERL5'], 'Perl reads it to decide what code to load'),
  prefix(['RUBY', 'GEM_', 'BUNDLE_'], 'Ruby reads it to decide what code to load'),
  prefix(['NODE_', 'NPM_CONFIG_', 'UV_THREADPOOL'], 'Node.js reads it to decide what code to load'),
  exact(['JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'JAVA_OPTIONS', 'CLASSPATH', 'MAVEN_OPTS', 'GRADLE_OPTS'], 'the Java runtime reads it to load code'),
  prefix(['JAVA_', '_JAVA', 'JDK_'], 'the Java runtime reads it to load code'),
  prefix(['GIT_'], 'git reads it (GIT_SSH_COMMAND, GIT_EXEC_PATH… run programs)'),
  exact(['SSH_ASKPASS', 'SSH_AUTH_SOCK', 'SUDO_ASKPASS', 'SUDO_EDITOR', 'EDITOR', 'VISUAL', 'PAGER', 'MANPAGER', 'BROWSER', 'LESSOPEN', 'LESSCLOSE', 'LESS', 'LESSKEY', 'SYSTEMD_PAGER', 'GIT_PAGER'], 'tools run the program it names'),
  prefix(['LESS'], 'less runs the program it names'),
  exact(['GOPATH', 'GOROOT', 'GOFLAGS', 'GOPROXY', 'GOTOOLCHAIN', 'GOENV', 'GOBIN'], 'the Go tool reads it to fetch or build code'),
  prefix(['LUA_', 'TCL', 'TK_', 'PHP', 'R_', 'DOTNET_', 'CORECLR_', 'COMPLUS_', 'MONO_', 'CARGO_', 'RUSTC', 'OPENSSL_', 'SSL_CERT', 'KRB5', 'PKCS11', 'GTK_', 'QT_', 'XDG_'], 'an interpreter, runtime or library reads it to load code or configuration'),
];

/** Why an action may not set this variable, or null when it is one of the author's own plain names. */
export function envNameProblem(name: string): string | null {
  if (!/^[A-Z_][A-Z0-9_]{0,127}$/.test(name)) return `${name} is not a plain name: use capitals, digits and _ for your own variables (like API_TOKEN).`;
  const family = families.find((f) => f.test(name));
  return family ? `${name} is not allowed: ${family.why}. Name your own variable instead (like MY_${name.replace(/^_+/, '')}).` : null;
}
