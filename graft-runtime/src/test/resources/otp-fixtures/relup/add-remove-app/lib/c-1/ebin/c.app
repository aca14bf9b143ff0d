{application,c,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['c.C1','c.C2']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
