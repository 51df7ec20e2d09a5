"""kubesecret from Python: an Opaque Secret with a generated name and a basic-auth Secret.

`pulumi_kubesecret` is the SDK that `pulumi package add <path-or-git-url-of-kubesecret>` generates
into sdks/kubesecret (and adds to requirements.txt). Arguments and outputs are snake_case.
"""

import pulumi
import pulumi_kubesecret as kubesecret

config = pulumi.Config()
namespace = config.get("namespace") or "default"

# Opaque, with a generated name: app-config-<8 hex>. Every value is made a Pulumi secret by the
# component, plain ones (LOG_LEVEL) included.
app_config = kubesecret.Secret(
    "app-config",
    namespace=namespace,
    generate_name="app-config-",
    string_data={
        "DB_PASSWORD": config.require_secret("dbPassword"),
        "LOG_LEVEL": config.get("logLevel") or "info",
    },
)

# kubernetes.io/basic-auth with a fixed name.
registry_login = kubesecret.BasicAuthSecret(
    "registry-login",
    namespace=namespace,
    name="registry-login",
    username=config.get("registryUser") or "deploy",
    password=config.require_secret("registryPassword"),
)


def describe(secret):
    """What a reviewer may see of a Secret: identity and key names, never values."""
    return {
        "name": secret.name,
        "uid": secret.uid,
        "resource_version": secret.resource_version,
        "type": secret.type,
        "keys": secret.keys,
    }


pulumi.export("app_config", describe(app_config))
pulumi.export("registry_login", describe(registry_login))
# The base64 data as stored: secret, shown only with --show-secrets.
pulumi.export("app_config_data", app_config.data)
