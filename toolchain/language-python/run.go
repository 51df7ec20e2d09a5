package main

import (
	"context"
	"errors"
	"os"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// runMessages are upstream's Python host's words for a failed run (lowercase, unlike Node.js's).
var runMessages = langhost.RunMessages{
	NotStarted: "problem executing program (could not run language executor): %v",
	Signalled:  "program was terminated by signal: %v",
	ExitCode:   "program exited with non-zero exit code: %d",
}

// Run executes a program: the Python of its environment (virtualenv, poetry or uv) runs the exec
// script with the engine's settings as flags and the configuration in the environment; the Python
// SDK then connects to the engine's resource monitor itself.
func (host *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if req.GetAttachDebugger() {
		return fail(errors.New("this Python language host does not support attaching a debugger"))
	}
	tc, opts, err := resolveToolchain(req.GetInfo(), false)
	if err != nil {
		return fail(err)
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return fail(err)
	}
	if err := typecheck(ctx, tc, opts); err != nil {
		return fail(err)
	}
	// The Python SDK reads the engine's `namespace:name` keys as they are (see
	// pulumi.runtime.get_config_env).
	env, err := langhost.ConfigEnvironment(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return fail(err)
	}

	args := append(host.execArguments(), runArguments(req, host.Engine(), host.Tracing())...)
	cmdCtx, release := host.ProcessContext(ctx)
	defer release()
	cmd, err := tc.Command(cmdCtx, args...)
	if err != nil {
		return fail(err)
	}
	langhost.Interruptible(cmd)
	if cmd.Env == nil { // the ambient Python: no virtualenv to activate
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, env...)
	langhost.ShowOutput(cmd)
	logging.V(5).Infof("Running program: %s %q", cmd.Path, runArguments(req, host.Engine(), host.Tracing()))

	return langhost.RunResponse(cmd.Run(), runMessages), nil
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
// entry point relative to --pwd (the engine sends "." for the program directory), then the
// program's own arguments.
func runArguments(req *pulumirpc.RunRequest, engineAddress, tracing string) []string {
	var args []string
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", engineAddress)
	flag("project", req.GetProject())
	flag("root_directory", req.GetInfo().GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", req.GetPwd())
	flag("dry_run", strconv.FormatBool(req.GetDryRun()))
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", tracing)
	flag("organization", req.GetOrganization())

	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}
