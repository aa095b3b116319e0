// rdkit_smiles.cpp -- the RDKit peer of cordon_smiles.c (bench/run.sh):
// the same file, the same two phases, timed the same way (process CPU).
//   read  SmilesToMol (parse + default sanitisation: valence, rings,
//         Kekulé, aromaticity, stereo assignment)
//   can   the same plus MolToSmiles (canonical, isomeric)
// Prints: rdkit read N ok M failed S s R mol/s/core
#include <GraphMol/GraphMol.h>
#include <GraphMol/SmilesParse/SmilesParse.h>
#include <GraphMol/SmilesParse/SmilesWrite.h>
#include <RDGeneral/RDLog.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

static double cpu_seconds()
{
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void phase(const char *name, const std::vector<std::string> &smiles,
                  bool canonical)
{
    size_t ok = 0, bad = 0, bytes = 0;
    double t0 = cpu_seconds();
    for (const auto &s : smiles) {
        std::unique_ptr<RDKit::ROMol> m;
        try {
            m.reset(RDKit::SmilesToMol(s));
        } catch (...) {
            m.reset();
        }
        if (!m) {
            bad++;
            continue;
        }
        if (canonical)
            bytes += RDKit::MolToSmiles(*m).size();
        ok++;
    }
    double dt = cpu_seconds() - t0;
    std::printf("rdkit %s %zu ok %zu failed %.3f s %.0f mol/s/core\n", name,
                ok, bad, dt, smiles.size() / dt);
    (void)bytes;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: rdkit_smiles FILE.smi\n");
        return 2;
    }
    RDLog::InitLogs();
    boost::logging::disable_logs("rdApp.*");
    std::ifstream in(argv[1]);
    std::vector<std::string> smiles;
    std::string line;
    while (std::getline(in, line)) {
        size_t k = line.find_first_of(" \t\r");
        std::string s = line.substr(0, k);
        if (!s.empty())
            smiles.push_back(s);
    }
    phase("read", smiles, false);
    phase("can", smiles, true);
    return 0;
}
