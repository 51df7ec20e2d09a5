package langhost

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// PluginDependency is the resource plugin that p, a package's pulumi-plugin.json (or the "pulumi"
// section of its package.json), declares, or nil if it declares none (nil, or "resource": false).
// A name or version that p leaves out is the package's own: defaultName and defaultVersion are
// called only then, and their error is the result. The version gets its leading "v". The
// extension parameterization is the caller's to add (see Parameterization): the Go host does not
// report it.
func PluginDependency(
	p *plugin.PulumiPluginJSON, defaultName, defaultVersion func() (string, error),
) (*pulumirpc.PackageDependency, error) {
	if p == nil || !p.Resource {
		return nil, nil
	}
	dep := &pulumirpc.PackageDependency{
		Kind: "resource", Name: p.Name, Version: p.Version, Server: p.Server,
		Parameterization: Parameterization(p.Parameterization),
	}
	var err error
	if dep.Name == "" {
		if dep.Name, err = defaultName(); err != nil {
			return nil, err
		}
	}
	if dep.Version == "" {
		if dep.Version, err = defaultVersion(); err != nil {
			return nil, err
		}
	}
	if !strings.HasPrefix(dep.Version, "v") {
		dep.Version = "v" + dep.Version
	}
	return dep, nil
}

// Parameterization is a plugin's parameterization as the engine takes it, nil for none.
func Parameterization(p *plugin.PulumiParameterizationJSON) *pulumirpc.PackageParameterization {
	if p == nil {
		return nil
	}
	return &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
}
