package main

import (
	"context"
	"os"
	"os/exec"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// ProgramCommand is how we run a program: `node [nodeargs] <@pulumi/pulumi>/cmd/run [flags]
// <entry point> [args]`, with the configuration in the environment. The node SDK then connects to
// the engine's resource monitor itself. (Upstream's host puts a forwarding proxy between them, for
// a synchronous-invoke pipe that @pulumi/pulumi 3.x no longer uses and for a header the engine
// also infers from the grpc-node user agent, so we pass the monitor's address directly.)
func (host *languageHost) ProgramCommand(_, processCtx context.Context, req *pulumirpc.RunRequest) (*exec.Cmd, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	node, err := nodeBinary()
	if err != nil {
		return nil, err
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH") // an override upstream has too, for tests
	if runPath == "" {
		runPath = runModule
	}
	script, err := resolveModule(req.GetInfo().GetProgramDirectory(), runPath, os.Getenv("NODE_PATH"))
	if err != nil {
		return nil, err
	}
	env, err := runEnvironment(req)
	if err != nil {
		return nil, err
	}

	args := append(append([]string{}, opts.nodeargs...), runArguments(req, script, host.Engine(), host.Tracing())...)
	cmd := exec.CommandContext(processCtx, node, args...)
	cmd.Env = append(append(os.Environ(), env...), opts.typescriptEnv()...)
	logging.V(5).Infof("Running program: %s", cmd)
	return cmd, nil
}

// runArguments builds the command line for @pulumi/pulumi's cmd/run (see its usage text): flags
// first (it parses with minimist and stops at the first positional), then the program.
func runArguments(req *pulumirpc.RunRequest, script, engineAddress, tracing string) []string {
	args := langhost.RunnerArgs{script}
	args.Flag("monitor", req.GetMonitorAddress())
	args.Flag("engine", engineAddress)
	args.Flag("organization", req.GetOrganization())
	args.Flag("project", req.GetProject())
	args.Flag("root-directory", req.GetInfo().GetRootDirectory())
	args.Flag("stack", req.GetStack())
	args.Flag("pwd", req.GetInfo().GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args.Flag("parallel", strconv.Itoa(int(req.GetParallel())))
	args.Flag("tracing", tracing)
	return args.Program(req)
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
