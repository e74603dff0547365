// Key Vault Premium (HSM-backed keys) as the lighter alternative to Managed HSM. Its data-plane roles are Azure RBAC,
// so unlike Managed HSM they are assigned here: the enclave identity may release and unwrap/wrap the custody key.
// Nobody else gets a data-plane role; the key itself is created by scripts/post-deploy.sh with its release policy.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Principal id of the enclave silos\' managed identity.')
param enclavePrincipalId string

@description('Subnet for the private endpoint.')
param endpointSubnetId string

@description('Virtual network for the private DNS zone link.')
param vnetId string

@description('Keep the public endpoint open (for the post-deploy script run from outside the network).')
param publicNetworkAccess bool

// Built-in role ids (stable across tenants).
var cryptoServiceReleaseUser = '08bbd89e-9f13-488c-ac41-acfcb10c90ab'
var cryptoUser = '12338af0-0e69-4776-bea7-57ae8d297424'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: take('${namePrefix}-kv-${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'premium' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
    }
  }
}

resource releaseRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, 'enclave-silos', cryptoServiceReleaseUser)
  scope: vault
  properties: {
    principalId: enclavePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cryptoServiceReleaseUser)
  }
}

resource cryptoRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, 'enclave-silos', cryptoUser)
  scope: vault
  properties: {
    principalId: enclavePrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cryptoUser)
  }
}

module endpoint 'privateEndpoint.bicep' = {
  name: '${namePrefix}-kv-pe'
  params: {
    location: location
    name: '${namePrefix}-kv-pe'
    tags: tags
    serviceId: vault.id
    groupId: 'vault'
    dnsZoneName: 'privatelink.vaultcore.azure.net'
    subnetId: endpointSubnetId
    vnetId: vnetId
  }
}

output vaultName string = vault.name
output vaultUri string = vault.properties.vaultUri
