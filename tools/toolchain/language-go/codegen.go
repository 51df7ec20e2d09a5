package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
	"kubesecret.local/toolchain/langhost"
)

// GeneratePackage writes a Go SDK for a package schema into req.Directory, with Pulumi's Go code
// generator. `pulumi package add` and `pulumi package gen-sdk --language go` call this. For
// `package add` the SDK is a module of its own (the CLI marks the package as supporting Pack):
// go.mod, and the package's root Go package in a directory named after it, with its
// pulumi-plugin.json. Schemas the package references (e.g. kubernetes types) are loaded through
// the engine's loader. Overlays are not supported, as upstream.
func (host *languageHost) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	if len(req.GetExtraFiles()) > 0 {
		return nil, errors.New("overlays are not supported for Go")
	}
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer client.Close()

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("parsing the package schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewCachedLoader(client), schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return resp, nil
	}
	files, err := gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	if err != nil {
		return nil, err
	}
	if err := langhost.WriteFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return resp, nil
}

// Link adds locally generated SDKs (directories relative to the project root, each a module with
// its go.mod) to the program's go.mod as `replace <module> => ./<dir>`, and answers with the
// import paths of their root packages. The engine then calls InstallDependencies (`go mod tidy`),
// which adds the requirement once the program imports the SDK. A package named "pulumi" is a
// local build of the Go SDK itself, github.com/pulumi/pulumi/sdk/v3.
func (host *languageHost) Link(_ context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	info := req.GetInfo()
	gomodPath := filepath.Join(info.GetProgramDirectory(), "go.mod")
	data, err := os.ReadFile(gomodPath)
	if err != nil {
		return nil, fmt.Errorf("reading the program's go.mod: %w", err)
	}
	gomod, err := modfile.Parse(gomodPath, data, nil)
	if err != nil {
		return nil, err
	}

	var imports []string
	for _, dep := range req.GetPackages() {
		dir := filepath.Join(info.GetRootDirectory(), filepath.FromSlash(dep.GetPath()))
		modulePath, importPath := "github.com/pulumi/pulumi/sdk/v3", ""
		if dep.GetPackage().GetName() != "pulumi" {
			if modulePath, importPath, err = sdkPaths(dir); err != nil {
				return nil, fmt.Errorf("package %s: %w", dep.GetPackage().GetName(), err)
			}
			imports = append(imports, importPath)
		}
		replacement, err := replacementPath(info.GetProgramDirectory(), dir)
		if err != nil {
			return nil, err
		}
		if err := gomod.AddReplace(modulePath, "", replacement, ""); err != nil {
			return nil, fmt.Errorf("adding the replace of %s to go.mod: %w", modulePath, err)
		}
	}

	formatted, err := gomod.Format()
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(gomodPath, formatted, 0o644); err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: importInstructions(imports)}, nil
}

// sdkPaths reads a generated SDK in dir: the module path from its go.mod, and the import path of
// its root package (the directory holding the package's pulumi-plugin.json).
func sdkPaths(dir string) (modulePath, importPath string, err error) {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "", "", fmt.Errorf("the SDK has no go.mod (is it a Go SDK?): %w", err)
	}
	modulePath = modfile.ModulePath(data)
	if modulePath == "" {
		return "", "", fmt.Errorf("no module path in %s", filepath.Join(dir, "go.mod"))
	}
	roots, _ := filepath.Glob(filepath.Join(dir, "*", "pulumi-plugin.json"))
	if len(roots) != 1 {
		return "", "", fmt.Errorf("expected one package with a pulumi-plugin.json in %s, found %d", dir, len(roots))
	}
	return modulePath, path.Join(modulePath, filepath.Base(filepath.Dir(roots[0]))), nil
}

// replacementPath is dir relative to the program directory, in the form a replace directive takes
// a local path: starting with ./ or ../.
func replacementPath(programDir, dir string) (string, error) {
	rel, err := filepath.Rel(programDir, dir)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel, nil
}

func importInstructions(imports []string) string {
	if len(imports) == 0 {
		return ""
	}
	sort.Strings(imports)
	head := "You can import the SDK in your Go code with:\n\n"
	if len(imports) > 1 {
		head = "You can import the SDKs in your Go code with:\n\n"
	}
	var b strings.Builder
	b.WriteString(head + "  import (\n")
	for _, p := range imports {
		fmt.Fprintf(&b, "    %q\n", p)
	}
	b.WriteString("  )\n")
	return b.String()
}
