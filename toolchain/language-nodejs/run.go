package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// runMessages are upstream's Node.js host's words for a failed run (capitalised, unlike Python's).
var runMessages = langhost.RunMessages{
	NotStarted: "Problem executing program (could not run language executor): %v",
	Signalled:  "Program was terminated by signal: %v",
	ExitCode:   "Program exited with non-zero exit code: %d",
}

// Run executes a program: `node [nodeargs] <@pulumi/pulumi>/cmd/run [flags] <entry point> [args]`,
// with the configuration in the environment. The node SDK then connects to the engine's resource
// monitor itself. (Upstream's host puts a forwarding proxy between them, for a synchronous-invoke
// pipe that @pulumi/pulumi 3.x no longer uses and for a header the engine also infers from the
// grpc-node user agent, so we pass the monitor's address directly.)
func (host *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if req.GetAttachDebugger() {
		return fail(errors.New("this Node.js language host does not support attaching a debugger"))
	}
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return fail(err)
	}
	node, err := nodeBinary()
	if err != nil {
		return fail(err)
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH") // an override upstream has too, for tests
	if runPath == "" {
		runPath = runModule
	}
	script, err := resolveModule(req.GetInfo().GetProgramDirectory(), runPath, os.Getenv("NODE_PATH"))
	if err != nil {
		return fail(err)
	}
	env, err := runEnvironment(req)
	if err != nil {
		return fail(err)
	}

	args := append(append([]string{}, opts.nodeargs...), runArguments(req, script, host.Engine(), host.Tracing())...)
	cmd, release := host.nodeCommand(ctx, node, args)
	defer release()
	cmd.Env = append(append(os.Environ(), env...), opts.typescriptEnv()...)
	langhost.ShowOutput(cmd)
	logging.V(5).Infof("Running program: %s", cmd)

	return langhost.RunResponse(cmd.Run(), runMessages), nil
}

// nodeCommand makes a node command that is interrupted (SIGINT, then killed after 5s) when the
// request ends or the engine calls Cancel. Call release once the command has finished.
func (host *languageHost) nodeCommand(ctx context.Context, node string, args []string) (_ *exec.Cmd, release func()) {
	cmdCtx, release := host.ProcessContext(ctx)
	cmd := exec.CommandContext(cmdCtx, node, args...)
	langhost.Interruptible(cmd)
	return cmd, release
}

// runArguments builds the command line for @pulumi/pulumi's cmd/run (see its usage text): flags
// first (it parses with minimist and stops at the first positional), then the entry point
// relative to --pwd, then the program's own arguments.
func runArguments(req *pulumirpc.RunRequest, script, engineAddress, tracing string) []string {
	args := []string{script}
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", req.GetInfo().GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", req.GetInfo().GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", tracing)

	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// runEnvironment passes the stack configuration the way the node SDK reads it (see
// langhost.ConfigEnvironment). Keys are sent in the old `<namespace>:config:<name>` form, as
// upstream does; the SDK accepts both forms and older SDKs only that one.
func runEnvironment(req *pulumirpc.RunRequest) ([]string, error) {
	cfg := make(map[string]string, len(req.GetConfig()))
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return nil, err
		}
		cfg[key.Namespace()+":config:"+key.Name()] = v
	}
	return langhost.ConfigEnvironment(cfg, req.GetConfigSecretKeys())
}
