{application,e,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['e.M','e.N']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
