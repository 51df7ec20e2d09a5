package langhost

import pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

// RunnerArgs is the command line of an SDK's program runner (@pulumi/pulumi's cmd/run, the
// Python exec script) as a host builds it: the engine's settings as flags, then the program.
type RunnerArgs []string

// Flag adds `--name value`. A setting without a value is left out, so that the runner's default
// applies.
func (args *RunnerArgs) Flag(name, value string) {
	if value != "" {
		*args = append(*args, "--"+name, value)
	}
}

// Program ends the command line with the program of req: its entry point, relative to the
// runner's working directory ("." for the program directory if the engine sends none), then the
// program's own arguments.
func (args RunnerArgs) Program(req *pulumirpc.RunRequest) []string {
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	return append(append(args, entry), req.GetArgs()...)
}
