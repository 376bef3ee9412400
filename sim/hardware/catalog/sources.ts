/**
 * The documents catalog numbers come from, named once and cited by entries.
 * Dates are those of the document (or, where undated, the month it was read).
 */
import type { Source } from '../types';

/** A source citing only some fields of an entry. */
export function cite(source: Source, fields?: string[], note?: string): Source {
  return { ...source, ...(fields ? { fields } : {}), ...(note ? { note } : {}) };
}

export const docs = {
  a100Datasheet: { title: 'NVIDIA A100 Tensor Core GPU datasheet', url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf', date: '2021-06' },
  ampereWhitepaper: { title: 'NVIDIA A100 Tensor Core GPU Architecture (whitepaper)', url: 'https://images.nvidia.com/aem-dam/en-zz/Solutions/data-center/nvidia-ampere-architecture-whitepaper.pdf', date: '2020-05' },
  h100Datasheet: { title: 'NVIDIA H100 Tensor Core GPU datasheet', url: 'https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet', date: '2023-09' },
  hopperWhitepaper: { title: 'NVIDIA H100 Tensor Core GPU Architecture (whitepaper)', url: 'https://resources.nvidia.com/en-us-tensor-core/gtc22-whitepaper-hopper', date: '2022-03' },
  h200Page: { title: 'NVIDIA H200 Tensor Core GPU product page', url: 'https://www.nvidia.com/en-us/data-center/h200/', date: '2024-11' },
  hgxPage: { title: 'NVIDIA HGX platform specifications (HGX B200, HGX H200)', url: 'https://www.nvidia.com/en-us/data-center/hgx/', date: '2025-03' },
  dgxB200Page: { title: 'NVIDIA DGX B200 specifications', url: 'https://www.nvidia.com/en-us/data-center/dgx-b200/', date: '2025-03' },
  gb200Page: { title: 'NVIDIA GB200 NVL72 specifications', url: 'https://www.nvidia.com/en-us/data-center/gb200-nvl72/', date: '2025-03' },
  dgxA100Guide: { title: 'NVIDIA DGX A100 System Architecture / User Guide', url: 'https://docs.nvidia.com/dgx/dgxa100-user-guide/introduction-to-dgxa100.html', date: '2021-10' },
  dgxH100Guide: { title: 'NVIDIA DGX H100 User Guide: hardware overview', url: 'https://docs.nvidia.com/dgx/dgxh100-user-guide/introduction-to-dgxh100.html', date: '2023-06' },
  dgxH200Page: { title: 'NVIDIA DGX H200 specifications', url: 'https://www.nvidia.com/en-us/data-center/dgx-h200/', date: '2024-11' },
  mi250xPage: { title: 'AMD Instinct MI250X accelerator specifications', url: 'https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html', date: '2021-11' },
  mi300xDatasheet: { title: 'AMD Instinct MI300X accelerator data sheet', url: 'https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/data-sheets/amd-instinct-mi300x-data-sheet.pdf', date: '2023-12' },
  mi300xPlatform: { title: 'AMD Instinct MI300X platform data sheet', url: 'https://www.amd.com/content/dam/amd/en/documents/instinct-tech-docs/data-sheets/amd-instinct-mi300x-platform-data-sheet.pdf', date: '2023-12' },
  tpuV4Doc: { title: 'Google Cloud TPU v4 documentation', url: 'https://docs.cloud.google.com/tpu/docs/v4', date: '2026-11', note: 'read 2026-11' },
  tpuV4Paper: { title: 'Jouppi et al., TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning (ISCA 2023)', url: 'https://arxiv.org/abs/2304.01433', date: '2023-04' },
  tpuV5eDoc: { title: 'Google Cloud TPU v5e documentation', url: 'https://docs.cloud.google.com/tpu/docs/v5e', date: '2026-11', note: 'read 2026-11; figures differ between page versions (see entry notes)' },
  tpuV5pDoc: { title: 'Google Cloud TPU v5p documentation', url: 'https://docs.cloud.google.com/tpu/docs/v5p', date: '2026-11', note: 'read 2026-11' },
  tpuV6eDoc: { title: 'Google Cloud TPU v6e (Trillium) documentation', url: 'https://docs.cloud.google.com/tpu/docs/v6e', date: '2026-11', note: 'read 2026-11' },
  gaudi2Vision: { title: 'Intel Gaudi 2 AI accelerator product brief (Intel Vision 2024 material)', url: 'https://www.intel.com/content/www/us/en/products/details/processors/ai-accelerators/gaudi2.html', date: '2024-04' },
  gaudi3Whitepaper: { title: 'Intel Gaudi 3 AI Accelerator white paper', url: 'https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html', date: '2024-04' },
  u280Datasheet: { title: 'AMD Alveo U280 Data Center Accelerator Card data sheet (DS963)', url: 'https://docs.amd.com/r/en-US/ds963-u280', date: '2023-05' },
  u280Page: { title: 'AMD Alveo U280 product page', url: 'https://www.amd.com/en/products/accelerators/alveo/u280.html', date: '2024-06' },
  wse3Announcement: { title: 'Cerebras: third-generation Wafer-Scale Engine (WSE-3) and CS-3 announcement', url: 'https://www.cerebras.ai/press-release/cerebras-announces-third-generation-wafer-scale-engine', date: '2024-03' },
  cs2Datasheet: { title: 'Cerebras CS-2 system data sheet', url: 'https://www.cerebras.ai/product-system/', date: '2022-08' },
  epyc9654Page: { title: 'AMD EPYC 9654 specifications', url: 'https://www.amd.com/en/products/processors/server/epyc/4th-generation-9004-and-8004-series/amd-epyc-9654.html', date: '2022-11' },
  zen4Optimization: { title: 'AMD Software Optimization Guide for the AMD Zen 4 Microarchitecture (57647)', url: 'https://www.amd.com/content/dam/amd/en/documents/processor-tech-docs/software-optimization-guides/57647.zip', date: '2023-01' },
  xeon8480Page: { title: 'Intel Xeon Platinum 8480+ processor specifications (ark)', url: 'https://www.intel.com/content/www/us/en/products/sku/231746/intel-xeon-platinum-8480-processor-105m-cache-2-00-ghz/specifications.html', date: '2023-01' },
  intelOptimizationManual: { title: 'Intel 64 and IA-32 Architectures Optimization Reference Manual (AMX and AVX-512 throughput)', url: 'https://www.intel.com/content/www/us/en/developer/articles/technical/intel-sdm.html', date: '2023-06' },
  orinBrief: { title: 'NVIDIA Jetson AGX Orin Series technical brief', url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/gtcf21/jetson-orin/nvidia-jetson-agx-orin-technical-brief.pdf', date: '2022-03' },
  orinDatasheet: { title: 'NVIDIA Jetson AGX Orin Series module data sheet', url: 'https://developer.nvidia.com/embedded/jetson-modules', date: '2023-03' },
  pcieSpec: { title: 'PCI-SIG PCI Express Base Specification (Gen3 8 GT/s, Gen4 16 GT/s, Gen5 32 GT/s; 128b/130b encoding)', url: 'https://pcisig.com/specifications', date: '2019-05' },
  quantumHdr: { title: 'NVIDIA Quantum HDR 200Gb/s InfiniBand switch (QM8700) datasheet', url: 'https://www.nvidia.com/en-us/networking/infiniband/qm8700/', date: '2021-01' },
  quantum2Ndr: { title: 'NVIDIA Quantum-2 NDR 400Gb/s InfiniBand switch (QM9700) datasheet', url: 'https://www.nvidia.com/en-us/networking/quantum2/', date: '2022-06' },
  quantumX800: { title: 'NVIDIA Quantum-X800 XDR InfiniBand platform (Q3400)', url: 'https://www.nvidia.com/en-us/networking/products/infiniband/quantum-x800/', date: '2024-03' },
  connectx7: { title: 'NVIDIA ConnectX-7 adapter datasheet', url: 'https://www.nvidia.com/en-us/networking/ethernet/connectx-7/', date: '2023-01' },
  spectrum4: { title: 'NVIDIA Spectrum-4 SN5000 Ethernet switch series datasheet', url: 'https://www.nvidia.com/en-us/networking/ethernet-switching/spectrum-sn5000/', date: '2023-05' },
  spectrum3: { title: 'NVIDIA Spectrum SN4000 Ethernet switch series datasheet', url: 'https://www.nvidia.com/en-us/networking/ethernet-switching/spectrum-sn4000/', date: '2022-01' },
  ncclTests212: { title: 'nccl-tests issue 212: H100 NVSwitch all-reduce ~370 GB/s busbw of 450 GB/s line rate', url: 'https://github.com/NVIDIA/nccl-tests/issues/212', date: '2024-03' },
  s3Performance: { title: 'Amazon S3 User Guide: Best practices design patterns: optimizing Amazon S3 performance', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html', date: '2025-01' },
  s3Guidelines: { title: 'Amazon S3 User Guide: Performance guidelines for Amazon S3', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance-guidelines.html', date: '2025-01' },
  ddnEs400nvx2: { title: 'DDN EXAScaler ES400NVX2 appliance data sheet', url: 'https://www.ddn.com/products/storage-platforms/es400nvx2/', date: '2023-03' },
  hdfsDesign: { title: 'Apache Hadoop HDFS Architecture guide (replication, block size)', url: 'https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HdfsDesign.html', date: '2024-03' },
  exosX18: { title: 'Seagate Exos X18 data sheet', url: 'https://www.seagate.com/products/enterprise-drives/exos-x/x18/', date: '2021-06' },
  pm1733: { title: 'Samsung PM1733 NVMe SSD data sheet', url: 'https://semiconductor.samsung.com/ssd/enterprise-ssd/pm1733-pm1735/', date: '2020-06' },
  wekaAws: { title: 'WEKA Data Platform on AWS: performance reference', url: 'https://www.weka.io/resources/', date: '2024-06' },
} as const satisfies Record<string, Source>;
