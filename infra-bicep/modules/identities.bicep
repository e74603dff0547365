// User-assigned managed identities: one for host silos, one for enclave silos. Only the enclave identity is granted
// the seed-custody key (post-deploy for Managed HSM, role assignments here for Key Vault), so a compromised host VM
// cannot unwrap or release it.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Tags for every resource.')
param tags object

resource hostIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-host-id'
  location: location
  tags: tags
}

resource enclaveIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-enclave-id'
  location: location
  tags: tags
}

output hostIdentityId string = hostIdentity.id
output hostClientId string = hostIdentity.properties.clientId
output enclaveIdentityId string = enclaveIdentity.id
output enclaveClientId string = enclaveIdentity.properties.clientId
output enclavePrincipalId string = enclaveIdentity.properties.principalId
