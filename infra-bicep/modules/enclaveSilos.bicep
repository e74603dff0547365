// Enclave silos: confidential VMs (AMD SEV-SNP by default, Intel TDX selectable) with the VM guest state encrypted
// and bound to the vTPM, no public address. They hold the enclave key and the sealed seed; the seed-custody key in
// the HSM is released or unwrapped only for their identity.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Number of enclave silos (one is primary; more take over on failure).')
@minValue(1)
param instanceCount int

@description('sev-snp or tdx.')
@allowed(['sev-snp', 'tdx'])
param tee string

@description('Confidential VM size: DCasv5/DCasv6/ECasv5 for SEV-SNP, DCesv5/DCesv6 for TDX.')
param vmSize string

@description('Admin user (SSH key only; no password).')
param adminUsername string

@description('SSH public key of the admin user.')
param adminSshPublicKey string

@description('Subnet of the enclave silos.')
param subnetId string

@description('Resource id of the enclave identity.')
param identityId string

@description('cloud-init (base64).')
@secure()
param customData string

@description('Availability zones to spread the silos over (empty: regional).')
param zones array

resource nics 'Microsoft.Network/networkInterfaces@2025-05-01' = [
  for i in range(0, instanceCount): {
    name: '${namePrefix}-enclave-${i}-nic'
    location: location
    tags: tags
    properties: {
      ipConfigurations: [{ name: 'ip', properties: { subnet: { id: subnetId }, privateIPAllocationMethod: 'Dynamic' } }]
    }
  }
]

resource vms 'Microsoft.Compute/virtualMachines@2025-04-01' = [
  for i in range(0, instanceCount): {
    name: '${namePrefix}-enclave-${i}'
    location: location
    tags: union(tags, { 'obscuro-role': 'enclave', 'obscuro-tee': tee })
    zones: empty(zones) ? [] : [string(zones[i % length(zones)])]
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: { '${identityId}': {} }
    }
    properties: {
      hardwareProfile: { vmSize: vmSize }
      securityProfile: {
        securityType: 'ConfidentialVM'
        uefiSettings: { secureBootEnabled: true, vTpmEnabled: true }
      }
      storageProfile: {
        imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'cvm', version: 'latest' }
        osDisk: {
          createOption: 'FromImage'
          caching: 'ReadWrite'
          managedDisk: {
            storageAccountType: 'Premium_LRS'
            securityProfile: { securityEncryptionType: 'DiskWithVMGuestState' }
          }
        }
      }
      osProfile: {
        computerName: '${take(namePrefix, 10)}e${i}'
        adminUsername: adminUsername
        customData: customData
        linuxConfiguration: {
          disablePasswordAuthentication: true
          ssh: { publicKeys: [{ path: '/home/${adminUsername}/.ssh/authorized_keys', keyData: adminSshPublicKey }] }
        }
      }
      networkProfile: { networkInterfaces: [{ id: nics[i].id }] }
    }
  }
]

output vmNames array = [for i in range(0, instanceCount): vms[i].name]
