package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blang/semver"
	pycodegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"kubesecret.local/toolchain/langhost"
)

// GeneratePackage writes a Python SDK for a package schema into req.Directory, with Pulumi's Python
// code generator. `pulumi package add` and `pulumi package gen-sdk --language python` call this.
// Schemas the package references (e.g. kubernetes types) are loaded through the engine's loader.
func (host *languageHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("parsing the package schema: %w", err)
	}
	// Dangling references are allowed as upstream does: a schema may name types of packages the
	// loader cannot provide, and the generator emits them as references all the same.
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return resp, nil
	}

	files, err := pycodegen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	if err != nil {
		return nil, err
	}
	if err := langhost.WriteFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return resp, nil
}

// Link adds locally generated SDKs (directories, relative to the project root) to the program's
// dependencies: with pip a line per SDK in requirements.txt (replacing an earlier line for the
// same package), with poetry or uv a path dependency in pyproject.toml. The engine then calls
// InstallDependencies. It answers with how to import the SDKs.
func (host *languageHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	info := req.GetInfo()
	opts, err := parseOptions(info, false)
	if err != nil {
		return nil, err
	}
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	packages := map[string]string{} // Python distribution name => SDK path
	var imports []string
	for _, dep := range req.GetPackages() {
		if dep.GetPackage().GetName() == "pulumi" { // a local build of the Python SDK itself
			packages["pulumi"] = dep.GetPath()
			continue
		}
		pkgName, importName, err := pythonNames(ctx, loader, dep.GetPackage())
		if err != nil {
			return nil, err
		}
		packages[pkgName] = dep.GetPath()
		imports = append(imports, fmt.Sprintf("  import %s as %s\n", pkgName, importName))
	}

	// Before the first `pulumi install`, a poetry or uv project may still list its dependencies in
	// requirements.txt (the install converts it into pyproject.toml): link there, as pip would.
	if opts.Toolchain != toolchain.Pip && !exists(filepath.Join(info.GetProgramDirectory(), "pyproject.toml")) {
		if !exists(filepath.Join(info.GetProgramDirectory(), "requirements.txt")) {
			return nil, fmt.Errorf("no pyproject.toml or requirements.txt found in %s", info.GetProgramDirectory())
		}
		opts.Toolchain = toolchain.Pip
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return nil, fmt.Errorf("linking packages: %w", err)
	}

	sort.Strings(imports)
	return &pulumirpc.LinkResponse{ImportInstructions: importInstructions(imports)}, nil
}

// pythonNames returns the distribution/module name of a package's Python SDK (its schema's
// language.python.packageName, else pulumi_<name>) and the name to import it as.
func pythonNames(ctx context.Context, loader schema.ReferenceLoader, dep *pulumirpc.PackageDependency) (
	pkgName, importName string, err error,
) {
	desc := &schema.PackageDescriptor{Name: dep.GetName(), DownloadURL: dep.GetServer()}
	if v, err := semver.ParseTolerant(dep.GetVersion()); err == nil {
		desc.Version = &v
	} else {
		logging.V(5).Infof("Link: invalid version %q for package %s", dep.GetVersion(), dep.GetName())
	}
	if p := dep.GetParameterization(); p != nil {
		desc.Parameterization = &schema.ParameterizationDescriptor{Name: p.GetName(), Value: p.GetValue()}
		if v, err := semver.ParseTolerant(p.GetVersion()); err == nil {
			desc.Parameterization.Version = v
		}
	}
	ref, err := schema.LoadPackageReferenceV2(ctx, loader, desc)
	if err != nil {
		return "", "", err
	}
	pkg, err := ref.Definition()
	if err != nil {
		return "", "", err
	}
	if err := pkg.ImportLanguages(map[string]schema.Language{"python": pycodegen.Importer}); err != nil {
		return "", "", err
	}
	if info, ok := pkg.Language["python"].(pycodegen.PackageInfo); ok && info.PackageName != "" {
		return info.PackageName, info.PackageName, nil
	}
	return pycodegen.PyPack(ref.Namespace(), ref.Name()), strings.ReplaceAll(ref.Name(), "-", "_"), nil
}

func importInstructions(imports []string) string {
	if len(imports) == 0 {
		return ""
	}
	head := "You can import the SDK in your Python code with:\n\n"
	if len(imports) > 1 {
		head = "You can import the SDKs in your Python code with:\n\n"
	}
	return head + strings.Join(imports, "")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
