// rdkit_screen.cpp -- the RDKit peer for bench/screen: the same work per
// molecule as 'cordon screen' does at its core, in one thread:
//   1. parse the SMILES (RDKit sanitisation: valence, rings, aromaticity);
//   2. canonical key (canonical SMILES without stereo) looked up in a hash
//      set of the knowledge base's listed structures;
//   3. substructure checks of the same cores the rules engine embeds
//      (4-anilidopiperidine and the wider China condition-4 core, the
//      4-AP and 4-piperidone precursor cores, the nitazene core);
//   4. the analogue search of cordon's default output: a Morgan fingerprint
//      (radius 2, 2,048 bits) compared by Tanimoto with every listed
//      structure's, those at or above 0.55 counted (what an RDKit user
//      writes: a BulkTanimotoSimilarity-style scan).
// Step 4 runs on its own CPU clock (CLOCK_PROCESS_CPUTIME_ID around it), so
// one run gives both peers: steps 1-3 (compare with 'cordon screen
// --no-alerts') and steps 1-4 (compare with the default, alerts on).
// usage: rdkit_screen LISTED.smi MOLECULES.smi
// prints two lines:
//   "rdkit: N molecules (E unparsable), H core hits, L listed, T s wall,
//    C s CPU, R mol/s/core"                      (steps 1-3)
//   "rdkit+similarity: S similar pairs, C s CPU, R mol/s/core" (steps 1-4)
// (rates from CPU time: the machine may be shared)
#include <DataStructs/BitOps.h>
#include <DataStructs/ExplicitBitVect.h>
#include <GraphMol/Fingerprints/MorganFingerprints.h>
#include <GraphMol/GraphMol.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>
#include <GraphMol/Substruct/SubstructMatch.h>
#include <RDGeneral/RDLog.h>

#include <chrono>
#include <ctime>
#include <time.h>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

static const char *const cores[] = {
    // fentanyl class (US FRS / China FRS): N-acyl, N-aryl 4-aminopiperidine
    "[#6](=O)N(a)[CH1]1CCNCC1",
    // China condition 4 wider core: any N-acyl 4-aminopiperidine
    "[#6](=O)N[CH1]1CCNCC1",
    // precursor cores: 4-anilinopiperidine (4-AP), 4-piperidone
    "c1ccccc1N[CH1]1CCNCC1",
    "O=C1CCNCC1",
    // nitazene core: 2-benzylbenzimidazole with an aminoethyl on N1
    "c1ccc2c(c1)nc(Cc1ccccc1)n2CCN",
};

static double cpu_now()
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::cerr << "usage: rdkit_screen LISTED.smi MOLECULES.smi\n";
        return 2;
    }
    RDLog::InitLogs();
    boost::logging::disable_logs("rdApp.*");
    std::vector<std::unique_ptr<RDKit::ROMol>> queries;
    for (const char *s : cores)
        queries.emplace_back(RDKit::SmartsToMol(s));
    std::unordered_set<std::string> listed;
    std::vector<std::unique_ptr<ExplicitBitVect>> listed_fp;
    {
        std::ifstream in(argv[1]);
        std::string line;
        while (std::getline(in, line)) {
            std::unique_ptr<RDKit::ROMol> m;
            try {
                m.reset(RDKit::SmilesToMol(line));
            } catch (...) {
            }
            if (!m)
                continue;
            if (listed.insert(RDKit::MolToSmiles(*m, false)).second)
                listed_fp.emplace_back(
                    RDKit::MorganFingerprints::getFingerprintAsBitVect(
                        *m, 2, 2048));
        }
    }
    long nsimilar = 0;
    double simcpu = 0.0;
    std::ifstream in(argv[2]);
    std::string line;
    long n = 0, bad = 0, hits = 0, nlisted = 0;
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_now();
    while (std::getline(in, line)) {
        std::string smi = line.substr(0, line.find_first_of(" \t"));
        if (smi.empty())
            continue;
        n++;
        std::unique_ptr<RDKit::ROMol> m;
        try {
            m.reset(RDKit::SmilesToMol(smi));
        } catch (...) {
        }
        if (!m) {
            bad++;
            continue;
        }
        std::string key = RDKit::MolToSmiles(*m, false);
        if (listed.count(key))
            nlisted++;
        for (auto &q : queries) {
            RDKit::MatchVectType mv;
            if (RDKit::SubstructMatch(*m, *q, mv))
                hits++;
        }
        double s0 = cpu_now();
        std::unique_ptr<ExplicitBitVect> fp(
            RDKit::MorganFingerprints::getFingerprintAsBitVect(*m, 2, 2048));
        for (auto &l : listed_fp)
            if (TanimotoSimilarity(*fp, *l) >= 0.55)
                nsimilar++;
        simcpu += cpu_now() - s0;
    }
    double t = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                             t0)
                   .count();
    double cpu = cpu_now() - c0;
    std::cout << "rdkit: " << n << " molecules (" << bad << " unparsable), "
              << hits << " core hits, " << nlisted << " listed, " << t
              << " s wall, " << cpu - simcpu << " s CPU, "
              << (long)(n / (cpu - simcpu)) << " mol/s/core\n";
    std::cout << "rdkit+similarity: " << nsimilar << " similar pairs, " << cpu
              << " s CPU, " << (long)(n / cpu) << " mol/s/core\n";
    return 0;
}
