{application,n,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['n.N']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
