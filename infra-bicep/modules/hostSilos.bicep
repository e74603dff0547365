// Host silos: a VM scale set with Trusted Launch (secure boot + vTPM; no confidential computing — they see only
// ciphertexts, hashes and public data). Behind the public load balancer for the client gateway and gossip.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Number of host silos.')
@minValue(1)
param instanceCount int

@description('VM size, e.g. Standard_D2as_v5.')
param vmSize string

@description('Admin user (SSH key only; no password).')
param adminUsername string

@description('SSH public key of the admin user.')
param adminSshPublicKey string

@description('Subnet of the host silos.')
param subnetId string

@description('Load balancer backend pool.')
param backendPoolId string

@description('Resource id of the host identity.')
param identityId string

@description('cloud-init (base64).')
@secure()
param customData string

resource scaleSet 'Microsoft.Compute/virtualMachineScaleSets@2025-04-01' = {
  name: '${namePrefix}-hosts'
  location: location
  tags: tags
  sku: { name: vmSize, tier: 'Standard', capacity: instanceCount }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    orchestrationMode: 'Uniform'
    upgradePolicy: { mode: 'Manual' }
    overprovision: false
    virtualMachineProfile: {
      securityProfile: {
        securityType: 'TrustedLaunch'
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }
        encryptionAtHost: false
      }
      storageProfile: {
        imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' }
        osDisk: { createOption: 'FromImage', caching: 'ReadWrite', managedDisk: { storageAccountType: 'Premium_LRS' } }
      }
      osProfile: {
        computerNamePrefix: take('${namePrefix}h', 9)
        adminUsername: adminUsername
        customData: customData
        linuxConfiguration: {
          disablePasswordAuthentication: true
          ssh: { publicKeys: [{ path: '/home/${adminUsername}/.ssh/authorized_keys', keyData: adminSshPublicKey }] }
        }
      }
      networkProfile: {
        networkInterfaceConfigurations: [
          {
            name: 'nic'
            properties: {
              primary: true
              ipConfigurations: [
                {
                  name: 'ip'
                  properties: {
                    subnet: { id: subnetId }
                    loadBalancerBackendAddressPools: [{ id: backendPoolId }]
                  }
                }
              ]
            }
          }
        ]
      }
    }
  }
}

output scaleSetName string = scaleSet.name
