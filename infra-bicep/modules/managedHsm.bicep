// Managed HSM for seed custody (FIPS 140-3 level 3, single tenant). Bicep creates it; activation (security domain
// download), its local RBAC and the custody key are post-deploy steps (scripts/post-deploy.sh) because the data plane
// is not reachable from a deployment. Purge protection is on: a deleted HSM would take every sealed seed with it.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Object ids of the HSM administrators (they activate it and assign its local roles).')
param adminObjectIds array

@description('Subnet for the private endpoint.')
param endpointSubnetId string

@description('Virtual network for the private DNS zone link.')
param vnetId string

@description('Keep the public endpoint open (for the post-deploy script run from outside the network).')
param publicNetworkAccess bool

resource hsm 'Microsoft.KeyVault/managedHSMs@2025-05-01' = {
  name: '${namePrefix}-hsm'
  location: location
  tags: tags
  sku: { family: 'B', name: 'Standard_B1' }
  properties: {
    tenantId: subscription().tenantId
    initialAdminObjectIds: adminObjectIds
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

module endpoint 'privateEndpoint.bicep' = {
  name: '${namePrefix}-hsm-pe'
  params: {
    location: location
    name: '${namePrefix}-hsm-pe'
    tags: tags
    serviceId: hsm.id
    groupId: 'managedhsm'
    dnsZoneName: 'privatelink.managedhsm.azure.net'
    subnetId: endpointSubnetId
    vnetId: vnetId
  }
}

output hsmName string = hsm.name
output hsmUri string = hsm.properties.hsmUri
