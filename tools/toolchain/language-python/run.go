package main

import (
	"context"
	"os"
	"os/exec"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// ProgramCommand is how we run a program: the Python of its environment (virtualenv, poetry or
// uv) runs the exec script with the engine's settings as flags and the configuration in the
// environment; the Python SDK then connects to the engine's resource monitor itself. A
// `typechecker` runs first, and its complaints fail the run.
func (host *languageHost) ProgramCommand(
	ctx, processCtx context.Context, req *pulumirpc.RunRequest,
) (*exec.Cmd, error) {
	tc, opts, err := resolveToolchain(req.GetInfo(), false)
	if err != nil {
		return nil, err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return nil, err
	}
	if err := typecheck(ctx, tc, opts); err != nil {
		return nil, err
	}
	// The Python SDK reads the engine's `namespace:name` keys as they are (see
	// pulumi.runtime.get_config_env).
	env, err := langhost.ConfigEnvironment(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}

	runArgs := runArguments(req, host.Engine(), host.Tracing())
	cmd, err := tc.Command(processCtx, append(host.execArguments(), runArgs...)...)
	if err != nil {
		return nil, err
	}
	if cmd.Env == nil { // the ambient Python: no virtualenv to activate
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, env...)
	logging.V(5).Infof("Running program: %s %q", cmd.Path, runArgs) // without the exec script's text
	return cmd, nil
}

// execArguments are the Python arguments that run the exec script: ours, or the file given with
// -use-executor (for example upstream's pulumi-language-python-exec).
func (host *languageHost) execArguments() []string {
	if host.executor != "" {
		return []string{host.executor}
	}
	return []string{"-c", execScript}
}

// runArguments builds the exec script's command line: its flags, with upstream's names, then the
// program (the engine sends "." for the program directory).
func runArguments(req *pulumirpc.RunRequest, engineAddress, tracing string) []string {
	var args langhost.RunnerArgs
	args.Flag("monitor", req.GetMonitorAddress())
	args.Flag("engine", engineAddress)
	args.Flag("project", req.GetProject())
	args.Flag("root_directory", req.GetInfo().GetRootDirectory())
	args.Flag("stack", req.GetStack())
	args.Flag("pwd", req.GetPwd())
	args.Flag("dry_run", strconv.FormatBool(req.GetDryRun()))
	args.Flag("parallel", strconv.Itoa(int(req.GetParallel())))
	args.Flag("tracing", tracing)
	args.Flag("organization", req.GetOrganization())
	return args.Program(req)
}
