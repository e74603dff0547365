#!/usr/bin/env bash
# Post-deploy steps Bicep cannot do, for one Obscuro node deployed with infra-bicep/main.bicep:
#   1. Managed HSM activation: download the security domain (quorum of RSA wrapping keys you keep offline).
#   2. The custody key: RSA-HSM 3072 for Unwrap custody; exportable oct-HSM 256 with a release policy pinned to this
#      node's attestation provider for Release custody.
#   3. Managed HSM local RBAC: grant the enclave silos' identity that key only (Crypto User; plus Crypto Service
#      Release User for Release custody). (Key Vault's roles are Azure RBAC and already assigned by Bicep.)
# Safe to re-run: each step checks whether it is done. Needs the Azure CLI (az), logged in as an HSM administrator
# named in hsmAdminObjectIds, and openssl. Usage:
#   infra-bicep/scripts/post-deploy.sh <resource group> <deployment name> <security-domain dir>
set -euo pipefail

if (($# != 3)); then
  echo "usage: $0 <resource group> <deployment name> <security-domain dir>" >&2
  exit 2
fi
group="$1"
deployment="$2"
sd_dir="$3"

output() { az deployment group show -g "$group" -n "$deployment" --query "properties.outputs.$1.value" -o tsv; }
parameter() { az deployment group show -g "$group" -n "$deployment" --query "properties.parameters.$1.value" -o tsv; }

hsm="$(output hsmName)"
vault="$(output vaultName)"
principal="$(output enclavePrincipalId)"
attestation="$(output attestationEndpoint)"
key="$(parameter custodyKeyName)"
mode="$(parameter custodyMode)"
tee="$(parameter tee)"
attestation="${attestation%/}"

case "$tee" in
  sev-snp) attestation_type=sevsnpvm; debug_claim=x-ms-sevsnpvm-is-debuggable ;;
  tdx) attestation_type=tdxvm; debug_claim=tdx_td_attributes_debug ;;
  *) echo "unknown tee '$tee'" >&2; exit 1 ;;
esac

policy_file="$(mktemp)"
trap 'rm -f "$policy_file"' EXIT
# The release policy judges the MAA token the enclave presents: issued by this node's provider (authority = iss),
# a compliant confidential VM of the deployed kind, not debuggable.
cat >"$policy_file" <<POLICY
{
  "version": "1.0.0",
  "anyOf": [
    {
      "authority": "$attestation",
      "allOf": [
        { "claim": "x-ms-attestation-type", "equals": "$attestation_type" },
        { "claim": "x-ms-compliance-status", "equals": "azure-compliant-cvm" },
        { "claim": "$debug_claim", "equals": false }
      ]
    }
  ]
}
POLICY

if [ -n "$hsm" ]; then
  status="$(az keyvault show --hsm-name "$hsm" --query properties.securityDomainProperties.activationStatus -o tsv)"
  if [ "$status" != "Active" ]; then
    echo "Activating Managed HSM $hsm: security domain with a 2-of-3 quorum into $sd_dir"
    mkdir -p "$sd_dir"
    chmod 700 "$sd_dir"
    for i in 1 2 3; do
      if [ ! -f "$sd_dir/sd-wrapping-$i.cer" ]; then
        openssl req -newkey rsa:3072 -nodes -keyout "$sd_dir/sd-wrapping-$i.key" -x509 -days 3650 \
          -subj "/CN=Obscuro security domain key $i" -out "$sd_dir/sd-wrapping-$i.cer" 2>/dev/null
        chmod 600 "$sd_dir/sd-wrapping-$i.key"
      fi
    done
    az keyvault security-domain download --hsm-name "$hsm" --sd-quorum 2 \
      --sd-wrapping-keys "$sd_dir/sd-wrapping-1.cer" "$sd_dir/sd-wrapping-2.cer" "$sd_dir/sd-wrapping-3.cer" \
      --security-domain-file "$sd_dir/security-domain.json"
    echo "Move $sd_dir/sd-wrapping-*.key to three separate offline places now: any two recover the HSM."
  fi

  if ! az keyvault key show --hsm-name "$hsm" --name "$key" >/dev/null 2>&1; then
    if [ "$mode" = "Release" ]; then
      echo "Creating exportable oct-HSM key $key with the release policy"
      az keyvault key create --hsm-name "$hsm" --name "$key" --kty oct-HSM --size 256 --exportable true \
        --policy "$policy_file" --ops wrapKey unwrapKey encrypt decrypt >/dev/null
    else
      echo "Creating non-exportable RSA-HSM key $key"
      az keyvault key create --hsm-name "$hsm" --name "$key" --kty RSA-HSM --size 3072 --ops wrapKey unwrapKey >/dev/null
    fi
  fi

  roles=("Managed HSM Crypto User")
  if [ "$mode" = "Release" ]; then roles+=("Managed HSM Crypto Service Release User"); fi
  for role in "${roles[@]}"; do
    if [ -z "$(az keyvault role assignment list --hsm-name "$hsm" --scope "/keys/$key" --assignee-object-id "$principal" --role "$role" --query '[].id' -o tsv)" ]; then
      echo "Granting '$role' on /keys/$key to the enclave identity"
      az keyvault role assignment create --hsm-name "$hsm" --scope "/keys/$key" --role "$role" \
        --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal >/dev/null
    fi
  done
elif [ -n "$vault" ]; then
  if [ "$mode" = "Release" ]; then
    # Key Vault has no symmetric keys; a released RSA key is not the 32-byte sealing key the enclave expects.
    echo "Release custody needs a Managed HSM (oct-HSM keys); use custodyMode=Unwrap with a Key Vault." >&2
    exit 1
  fi
  if ! az keyvault key show --vault-name "$vault" --name "$key" >/dev/null 2>&1; then
    echo "Creating non-exportable RSA-HSM key $key in Key Vault $vault"
    az keyvault key create --vault-name "$vault" --name "$key" --kty RSA-HSM --size 3072 --ops wrapKey unwrapKey >/dev/null
  fi
else
  echo "The deployment has neither a Managed HSM nor a Key Vault output." >&2
  exit 1
fi

echo "Post-deploy done. Attestation provider (pinned issuer): $attestation"
