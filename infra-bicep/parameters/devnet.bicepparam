// A small node for trying the Azure deployment: one host silo, one SEV-SNP enclave silo, Standard Redis,
// identity-bound custody. Fill in the values marked below (or pass them with --parameters name=value).
using '../main.bicep'

param namePrefix = 'obsdev'
param nodeId = 'devnet-node-0'
param tee = 'sev-snp'
param hostSiloCount = 1
param hostVmSize = 'Standard_D2as_v5'
param enclaveSiloCount = 1
param enclaveVmSize = 'Standard_DC2as_v5'
param adminUsername = 'obscuroadmin'
param adminSshPublicKey = readEnvironmentVariable('OBSCURO_SSH_PUBLIC_KEY', '')
param siloPackageUri = readEnvironmentVariable('OBSCURO_SILO_PACKAGE_URI', '')
param siloPackageSha256 = readEnvironmentVariable('OBSCURO_SILO_PACKAGE_SHA256', '0000000000000000000000000000000000000000000000000000000000000000')
param custodyStore = 'managedHsm'
param hsmAdminObjectIds = [readEnvironmentVariable('OBSCURO_HSM_ADMIN_OBJECT_ID', '')]
param custodyMode = 'Unwrap'
param custodyPublicAccess = true
param redisSku = { name: 'Standard', family: 'C', capacity: 1 }
param tags = { environment: 'devnet' }
