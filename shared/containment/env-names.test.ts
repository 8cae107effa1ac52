import { describe, expect, it } from 'vitest';
import { envNameProblem } from './env-names';
import { envNameSchema } from './model';

describe('the environment an action may set', () => {
  it.each([
    ['PYTHONPATH', /Python/],
    ['PYTHONSTARTUP', /Python/],
    ['PERL5OPT', /Perl/],
    ['PERL5LIB', /Perl/],
    ['RUBYOPT', /Ruby/],
    ['RUBYLIB', /Ruby/],
    ['NODE_OPTIONS', /Node/],
    ['NODE_PATH', /Node/],
    ['JAVA_TOOL_OPTIONS', /Java/],
    ['_JAVA_OPTIONS', /Java/],
    ['GCONV_PATH', /C library/],
    ['LD_PRELOAD', /loader/],
    ['LD_LIBRARY_PATH', /loader/],
    ['DYLD_INSERT_LIBRARIES', /loader/],
    ['GIT_SSH_COMMAND', /git/],
    ['GIT_DIR', /git/],
    ['PROMPT_COMMAND', /shell/],
    ['LESSOPEN', /run the program/],
    ['BASH_ENV', /shell/],
    ['ENV', /shell/],
    ['IFS', /shell/],
    ['PATH', /Cordon sets it/],
    ['HOME', /Cordon sets it/],
    ['SHELLOPTS', /shell/],
    ['PS4', /shell/],
    ['CORDON_PARAM_X', /Cordon sets its own/],
  ])('%s is refused, naming it and why', (name, why) => {
    const problem = envNameProblem(name);
    expect(problem).toContain(`${name} is not allowed`);
    expect(problem).toMatch(why);
    expect(envNameSchema.safeParse(name).success).toBe(false);
  });

  it.each(['API_TOKEN', 'AWS_REGION', 'AWS_PROFILE', 'VAULT_ADDR', 'TICKET_ID', 'REGION', 'GOOGLE_PROJECT', 'SLACK_WEBHOOK'])('%s, a plain name, is allowed', (name) => {
    expect(envNameProblem(name)).toBeNull();
    expect(envNameSchema.safeParse(name).success).toBe(true);
  });

  it.each(['http_proxy', 'Api_Token', '1ABC', 'A-B', 'A B'])('%s is not a plain name', (name) => {
    expect(envNameSchema.safeParse(name).success).toBe(false);
  });
});
