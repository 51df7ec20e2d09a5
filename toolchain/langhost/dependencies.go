package langhost

import (
	"context"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RequiredPlugins answers GetRequiredPlugins, the older form of GetRequiredPackages without
// parameterization, from the host's GetRequiredPackages.
func RequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
	requiredPackages func(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error),
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	resp, err := requiredPackages(ctx, &pulumirpc.GetRequiredPackagesRequest{Info: req.GetInfo()})
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

// ProgramDependencies answers GetProgramDependencies with the packages a host's package manager
// or toolchain lists.
func ProgramDependencies(packages []plugin.DependencyInfo) *pulumirpc.GetProgramDependenciesResponse {
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, p := range packages {
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
	}
	return resp
}
