// kubesecret from Go: an Opaque Secret with a generated name, which a Deployment reads and rolls
// on, and a TLS Secret.
//
// The kubesecret package is the SDK that `pulumi package add <path-or-git-url-of-kubesecret>`
// generates into sdks/kubesecret; it also adds the `replace` of its module to go.mod, and `go mod
// tidy` the requirement. Arguments and outputs are the TypeScript names, capitalised.
package main

import (
	"example.com/pulumi-kubesecret/sdk/go/kubesecret"
	appsv1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apps/v1"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		namespace := pulumi.String(cfg.Get("namespace"))
		logLevel := cfg.Get("logLevel")

		// Opaque, with a generated name: app-config-<8 hex>. Every value is made a Pulumi secret by
		// the component, plain ones (LOG_LEVEL) included. trackRevision: a `revision` that changes
		// exactly when the data does, safe to show (an HMAC under a key kept secret in state).
		appConfig, err := kubesecret.NewSecret(ctx, "app-config", &kubesecret.SecretArgs{
			Namespace:    namespace,
			GenerateName: pulumi.StringRef("app-config-"),
			StringData: pulumi.StringMap{
				"DB_PASSWORD": cfg.RequireSecret("dbPassword"),
				"LOG_LEVEL":   pulumi.String(logLevel),
			},
			TrackRevision: pulumi.BoolRef(true),
		})
		if err != nil {
			return err
		}

		// kubernetes.io/tls with a fixed name. The certificate and key are parsed, and checked to
		// match, before anything is sent.
		webTLS, err := kubesecret.NewTlsSecret(ctx, "web-tls", &kubesecret.TlsSecretArgs{
			Namespace: namespace,
			Name:      pulumi.String("web-tls"),
			Cert:      pulumi.String(cfg.Require("tlsCert")),
			Key:       cfg.RequireSecret("tlsKey"),
		})
		if err != nil {
			return err
		}

		// The pod template references the Secret by its `name` output (which follows a replacement)
		// and carries its revision: a new value gives a new ReplicaSet; a no-op up does not.
		annotations := pulumi.StringMap{}
		if cfg.GetBool("skipAwait") {
			annotations["pulumi.com/skipAwait"] = pulumi.String("true")
		}
		labels := pulumi.StringMap{"app": pulumi.String("kubesecret-go")}
		web, err := appsv1.NewDeployment(ctx, "web", &appsv1.DeploymentArgs{
			Metadata: &metav1.ObjectMetaArgs{Namespace: namespace, Annotations: annotations},
			Spec: &appsv1.DeploymentSpecArgs{
				Replicas: pulumi.Int(1),
				Selector: &metav1.LabelSelectorArgs{MatchLabels: labels},
				Template: &corev1.PodTemplateSpecArgs{
					Metadata: &metav1.ObjectMetaArgs{
						Labels:      labels,
						Annotations: pulumi.StringMap{"kubesecret/revision": appConfig.Revision.Elem()},
					},
					Spec: &corev1.PodSpecArgs{
						Containers: corev1.ContainerArray{&corev1.ContainerArgs{
							Name:  pulumi.String("web"),
							Image: pulumi.String("nginx:1.27"),
							EnvFrom: corev1.EnvFromSourceArray{&corev1.EnvFromSourceArgs{
								SecretRef: &corev1.SecretEnvSourceArgs{Name: appConfig.Name},
							}},
						}},
					},
				},
			},
		})
		if err != nil {
			return err
		}

		ctx.Export("appConfig", describe(appConfig.Name, appConfig.Uid, appConfig.ResourceVersion, appConfig.Type, appConfig.Keys))
		ctx.Export("appConfigRevision", appConfig.Revision)
		// The base64 data as stored: secret, shown only with --show-secrets.
		ctx.Export("appConfigData", appConfig.Data)
		ctx.Export("webTls", describe(webTLS.Name, webTLS.Uid, webTLS.ResourceVersion, webTLS.Type, webTLS.Keys))
		ctx.Export("deploymentName", web.Metadata.Name())
		return nil
	})
}

// describe is what a reviewer may see of a Secret: identity and key names, never values.
func describe(name, uid, resourceVersion, secretType pulumi.StringOutput, keys pulumi.StringArrayOutput) pulumi.Map {
	return pulumi.Map{
		"name": name, "uid": uid, "resourceVersion": resourceVersion, "type": secretType, "keys": keys,
	}
}
