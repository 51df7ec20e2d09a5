package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// GetRequiredPackages reports the resource plugins that the program's installed npm packages
// declare, so the engine can have them ready before the program runs. A Pulumi provider SDK says
// so in its package.json, e.g. @pulumi/kubernetes has
// "pulumi": {"resource": true, "name": "kubernetes", "version": "4.25.0"}.
func (host *languageHost) GetRequiredPackages(
	_ context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	info := req.GetInfo()
	packages, err := scanPackages(nodeModulesDirs(info.GetProgramDirectory(), info.GetRootDirectory()))
	if err != nil {
		// Like upstream, a broken package.json somewhere does not fail the deployment: the engine
		// can still load plugins on demand.
		logging.V(3).Infof("errors while discovering plugins: %v", err)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

// nodeModulesDirs lists the node_modules directories the program resolves packages from: its own,
// and those of its ancestors up to the project root (where Pulumi.yaml is), which covers a
// `main: src/` layout and workspaces that hoist dependencies to the root. Directories above the
// project root are not scanned: they are not the project's to declare.
func nodeModulesDirs(programDir, rootDir string) []string {
	dirs := []string{filepath.Join(programDir, "node_modules")}
	rel, err := filepath.Rel(rootDir, programDir)
	if rootDir == "" || err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return dirs
	}
	for d := filepath.Dir(programDir); ; d = filepath.Dir(d) {
		dirs = append(dirs, filepath.Join(d, "node_modules"))
		if d == filepath.Clean(rootDir) || filepath.Dir(d) == d {
			return dirs
		}
	}
}

// packageScan walks node_modules trees once each, following symlinks (npm link, pnpm).
type packageScan struct {
	visited  map[string]bool // real paths of package directories already read
	seen     map[string]bool // dependencies already reported
	packages []*pulumirpc.PackageDependency
	errs     []error
}

func scanPackages(nodeModules []string) ([]*pulumirpc.PackageDependency, error) {
	s := &packageScan{visited: map[string]bool{}, seen: map[string]bool{}}
	for _, dir := range nodeModules {
		s.scanNodeModules(dir)
	}
	return s.packages, errors.Join(s.errs...)
}

// scanNodeModules reads every package in a node_modules directory: name/ and @scope/name/
// entries, plus pnpm's store layout .pnpm/<name@version>/node_modules/.
func (s *packageScan) scanNodeModules(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			s.errs = append(s.errs, err)
		}
		return
	}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		switch {
		case name == ".pnpm":
			stores, _ := os.ReadDir(path)
			for _, store := range stores {
				s.scanNodeModules(filepath.Join(path, store.Name(), "node_modules"))
			}
		case strings.HasPrefix(name, "."): // .bin, .package-lock.json, .cache, ...
		case strings.HasPrefix(name, "@"):
			scoped, err := os.ReadDir(path)
			if err != nil {
				s.errs = append(s.errs, err)
				continue
			}
			for _, p := range scoped {
				s.scanPackage(filepath.Join(path, p.Name()))
			}
		default:
			s.scanPackage(path)
		}
	}
}

// scanPackage reads one package's package.json, then the packages nested in its node_modules.
func (s *packageScan) scanPackage(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		s.errs = append(s.errs, err)
		return
	}
	if s.visited[real] {
		return
	}
	s.visited[real] = true
	if fi, err := os.Stat(real); err != nil || !fi.IsDir() {
		return
	}
	// A policy pack's plugins are not the program's dependencies (upstream skips them too).
	if _, err := os.Stat(filepath.Join(real, "PulumiPolicy.yaml")); err == nil {
		return
	}

	b, err := os.ReadFile(filepath.Join(real, "package.json"))
	if err == nil {
		dep, err := packageDependency(b)
		if err != nil {
			s.errs = append(s.errs, fmt.Errorf("%s: %w", filepath.Join(dir, "package.json"), err))
		} else if dep != nil {
			key := dependencyKey(dep)
			if !s.seen[key] {
				s.seen[key] = true
				s.packages = append(s.packages, dep)
			}
		}
	}
	s.scanNodeModules(filepath.Join(real, "node_modules"))
}

// packageDependency returns the resource plugin a package.json declares, or nil if it declares
// none. The plugin name defaults to the package name without its @pulumi/ scope, and the version
// to the package version; third-party packages must name their plugin.
func packageDependency(packageJSON []byte) (*pulumirpc.PackageDependency, error) {
	var pkg struct {
		Name    string                  `json:"name"`
		Version string                  `json:"version"`
		Pulumi  plugin.PulumiPluginJSON `json:"pulumi"`
	}
	if err := json.Unmarshal(packageJSON, &pkg); err != nil {
		return nil, err
	}
	dep, err := langhost.PluginDependency(&pkg.Pulumi, func() (string, error) {
		scoped, isPulumi := strings.CutPrefix(pkg.Name, "@pulumi/")
		if !isPulumi {
			return "", fmt.Errorf("package %q declares a resource plugin but no \"name\" for it in its \"pulumi\" section",
				pkg.Name)
		}
		return scoped, nil
	}, func() (string, error) {
		if pkg.Version == "" {
			return "", fmt.Errorf("package %q has no version for its resource plugin", pkg.Name)
		}
		return pkg.Version, nil
	})
	if dep != nil {
		dep.Extension = langhost.Parameterization(pkg.Pulumi.ExtensionParameterization)
	}
	return dep, err
}

// dependencyKey identifies a dependency, so that copies of one package installed in several places
// are reported once.
func dependencyKey(d *pulumirpc.PackageDependency) string {
	key := strings.Join([]string{d.GetName(), d.GetVersion(), d.GetServer()}, "|")
	for _, p := range []*pulumirpc.PackageParameterization{d.GetParameterization(), d.GetExtension()} {
		if p != nil {
			key += fmt.Sprintf("|%s|%s|%x", p.GetName(), p.GetVersion(), p.GetValue())
		}
	}
	return key
}
