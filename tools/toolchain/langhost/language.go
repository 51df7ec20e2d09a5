package langhost

import (
	"context"
	"io"
	"os/exec"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Language describes a language host to Main: its constants, and how to build its Runtime.
type Language struct {
	Name       string   // as messages name it, e.g. "Node.js"
	Version    string   // printed by -version and reported by GetPluginInfo
	ValueFlags []string // the host's own command-line flags that take a value (see ParseFlags)
	// CapitalisedErrors makes the errors of a failed run start with a capital letter, as upstream's
	// Node.js host words them (its Python host does not).
	CapitalisedErrors bool
	// NewRuntime builds the host's Runtime on the shared Host, from the command line; an error
	// ends the process.
	NewRuntime func(flags Flags, host *Host) (Runtime, error)
}

// Runtime is what a host implements for its language, on the shared Host that it embeds: the RPCs
// that depend on the language (About, GetRequiredPackages, ...), and the language's steps of the
// RPCs that every host answers alike (Run, InstallDependencies, GetProgramDependencies), which Main
// serves around them.
type Runtime interface {
	pulumirpc.LanguageRuntimeServer

	// ProgramCommand prepares the command that runs the program of a Run request. ctx is the
	// request's; the command must be made with processCtx (exec.CommandContext), which also ends
	// when the engine calls Cancel. An error fails the run with its message.
	ProgramCommand(ctx, processCtx context.Context, req *pulumirpc.RunRequest) (*exec.Cmd, error)
	// Install installs the dependencies of a program or plugin, writing progress and the package
	// manager's output to stdout and stderr, which are streamed to the engine (see Installing).
	Install(ctx context.Context, req *pulumirpc.InstallDependenciesRequest, stdout, stderr io.Writer) error
	// ListPackages lists the packages a program uses: all of them if transitive, else those it
	// depends on directly.
	ListPackages(ctx context.Context, info *pulumirpc.ProgramInfo, transitive bool) ([]plugin.DependencyInfo, error)
}
