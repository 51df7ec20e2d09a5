package langhost

import (
	"context"
	"fmt"
	"io"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// service is the LanguageRuntime service that Main serves: a host's Runtime, with the RPCs that
// every host answers alike served around the Runtime's language-specific steps.
type service struct {
	Runtime
	host     *Host
	language Language
}

// Run runs a program: the Runtime prepares its command, which runs with its output shown until
// it exits or is interrupted (the request ends, or the engine calls Cancel); how it ended is the
// answer.
func (s *service) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("this %s language host does not support attaching a debugger", s.language.Name),
		}, nil
	}
	processCtx, release := s.host.ProcessContext(ctx)
	defer release()
	cmd, err := s.ProgramCommand(ctx, processCtx, req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	Interruptible(cmd)
	showOutput(cmd)
	return s.language.runResponse(cmd.Run()), nil
}

// InstallDependencies runs the Runtime's Install with writers that stream its output to the
// engine (as a terminal if the engine's is one), flushed and closed once it returns.
func (s *service) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	stream := &LockedStream[pulumirpc.InstallDependenciesResponse]{ServerStreamingServer: server}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(stream, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := s.Install(server.Context(), req, stdout, stderr); err != nil {
		return err
	}
	return closer.Close()
}

// Installing runs a package manager's install between the lines that upstream's hosts print
// around it.
func Installing(stdout io.Writer, install func() error) error {
	fmt.Fprintf(stdout, "Installing dependencies...\n\n")
	if err := install(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Finished installing dependencies\n\n")
	return nil
}

// GetProgramDependencies answers with the packages the Runtime lists.
func (s *service) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	packages, err := s.ListPackages(ctx, req.GetInfo(), req.GetTransitiveDependencies())
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, p := range packages {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return resp, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages, without parameterization: it
// answers from the Runtime's GetRequiredPackages.
func (s *service) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	resp, err := s.GetRequiredPackages(ctx, &pulumirpc.GetRequiredPackagesRequest{Info: req.GetInfo()})
	if err != nil {
		return nil, err
	}
	plugins := &pulumirpc.GetRequiredPluginsResponse{}
	for _, p := range resp.GetPackages() {
		plugins.Plugins = append(plugins.Plugins, &pulumirpc.PluginDependency{
			Name: p.GetName(), Kind: p.GetKind(), Version: p.GetVersion(), Server: p.GetServer(),
		})
	}
	return plugins, nil
}
