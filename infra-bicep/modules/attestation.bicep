// The node's own Microsoft Azure Attestation provider: its URI is the token issuer that validators pin and whose
// keccak256 is the authority governance accepts on L1. Its default policy for SEV-SNP/TDX CVMs is what sets
// x-ms-compliance-status; custom policies are a post-deploy step.

@description('Azure region.')
param location string

@description('Prefix of every resource name (letters and digits only are kept: provider names are alphanumeric).')
param namePrefix string

@description('Tags for every resource.')
param tags object

resource provider 'Microsoft.Attestation/attestationProviders@2021-06-01' = {
  name: take('${toLower(replace(namePrefix, '-', ''))}maa${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  properties: {}
}

output attestUri string = provider.properties.attestUri
output providerName string = provider.name
